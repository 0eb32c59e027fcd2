/**
 * Signing in on a slow connection: what a user types before the page's scripts have loaded is kept
 * when the page comes alive (hydration must not reset it), and the sign-in then goes through. And
 * signing out: another tab of the same session leaves for the sign-in page at once.
 */
import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { launchBrowser, signIn, useServerAndBrowser, watch } from '../support/browser';
import { recordFigure } from '../support/figures';
import { ADMIN_PASSWORD, startServer } from '../support/server';

describe('signing in before the page has loaded its scripts', () => {
	const suite = useServerAndBrowser();

	it('keeps the username typed before hydration and signs in', async () => {
		const { server, browser } = suite;
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		const w = await watch(page);
		// Hold every script until the user has typed, as a slow network would.
		const held: Route[] = [];
		let release = false;
		await page.route(/\/_app\/immutable\/.*\.js$/, (route) =>
			release ? route.continue() : void held.push(route)
		);
		await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
		await page.fill('input[name=username]', 'admin');
		await page.fill('input[name=password]', ADMIN_PASSWORD);
		expect(held.length).toBeGreaterThan(0);
		release = true;
		await Promise.all(held.map((r) => r.continue()));
		// The router has started (it marks the history entry first) and every module has loaded,
		// so the page has hydrated; what was typed must still be there.
		await page.waitForFunction(() => history.state?.['sveltekit:history'] !== undefined);
		await page.waitForLoadState('networkidle');
		await page.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
		expect(await page.inputValue('input[name=username]')).toBe('admin');
		expect(await page.inputValue('input[name=password]')).toBe(ADMIN_PASSWORD);
		await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
		expect(await page.locator('header nav').innerText()).toContain('总览');
		expect(w.errors).toEqual([]);
		await context.close();
	});
});

describe('a signed-in tab whose session ends elsewhere', () => {
	it('goes to the sign-in page at once, without waiting for a click', async () => {
		const server = await startServer();
		const browser = await launchBrowser();
		try {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const first = await context.newPage();
			await signIn(first, server);
			const second = await context.newPage();
			await second.goto(`${server.url}/`);
			await second.waitForSelector('[data-testid=live-status][data-status=connected]');
			const started = Date.now();
			await first.click('form[action="/logout"] button');
			await second.waitForURL(/\/login/, { timeout: 5000 });
			recordFigure('sign-out to the other tab showing sign-in (ms)', Date.now() - started);
		} finally {
			await browser.close();
			await server.stop();
		}
	});
});
