import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://localhost:3100';
const out = process.argv[3] ?? '/tmp/overview.png';
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base + '/login');
await page.fill('input[name=username]', 'admin');
await page.fill('input[name=password]', 'admin-pass-123');
await page.click('button[type=submit]');
await page.waitForURL(base + '/');
await page.waitForTimeout(2500);
console.log(
	await page.getAttribute('[data-testid=kpi-executed]', 'data-value'),
	await page.textContent('[data-testid=live-status]')
);
await page.screenshot({ path: out });
await page.waitForTimeout(6000);
console.log(await page.getAttribute('[data-testid=kpi-executed]', 'data-value'));
await browser.close();
