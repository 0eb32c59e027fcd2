// The screenshot scripts' browser: Chromium at 1920×1080, signed in as `admin`, printing page errors.
import { chromium } from 'playwright-core';

/** Opens Chromium, signs in at `base` and waits for the overview; returns the browser and its page. */
export async function signedInPage(base, password, { consoleErrors = true } = {}) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	page.on('pageerror', (e) => console.log('pageerror:', e.message));
	if (consoleErrors)
		page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
	await page.goto(base + '/login');
	await page.fill('input[name=username]', 'admin');
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(base + '/'), page.click('button[type=submit]')]);
	return { browser, page };
}
