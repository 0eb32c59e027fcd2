/** Debian's Chromium through playwright-core (browsers cannot be downloaded here). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, type RunningServer } from './server';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run']
	});
}

/** Signs in through the /login form and waits for the overview. */
export async function signIn(page: Page, server: RunningServer, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
	await page.goto(`${server.url}/login`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
}

/** Waits until an element's data-value differs from `previous`; returns the new value and when it changed. */
export async function waitForValueChange(page: Page, testid: string, previous: string, timeoutMs = 5000): Promise<{ value: string; at: number }> {
	await page.waitForFunction(
		([id, prev]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') !== prev,
		[testid, previous] as const,
		{ timeout: timeoutMs, polling: 'raf' }
	);
	return { value: (await page.getAttribute(`[data-testid="${testid}"]`, 'data-value'))!, at: Date.now() };
}
