/**
 * Chinese by default, English on request, and each page carries only its own language's strings:
 * the other language is neither in the page's JavaScript nor in its data.
 */
import { describe, expect, it } from 'vitest';
import { signIn, useServerAndBrowser, watch } from '../support/browser';

describe('the interface language', () => {
	const suite = useServerAndBrowser();

	it('switches from Chinese to English and back, and ships only the strings of the language shown', async () => {
		const { server, browser } = suite;
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		const w = await watch(page);
		const scripts: string[] = [];
		page.on('response', async (r) => {
			if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(await r.text().catch(() => ''));
		});
		await signIn(page, server);
		await page.waitForLoadState('networkidle');
		const nav = () => page.locator('header nav').innerText();
		expect(await nav()).toContain('总览');
		const html = await page.content();
		// An English-only string (the sign-out button's label) is neither in the page nor in its scripts.
		expect(html).not.toContain('Sign out');
		expect(scripts.length).toBeGreaterThan(3);
		expect(scripts.filter((s) => s.includes('Sign out'))).toEqual([]);
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForFunction(() =>
			document.querySelector('header nav')?.textContent?.includes('Overview')
		);
		expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
		expect(await page.locator('[data-testid=kpi-plan]').count()).toBe(1);
		await page.getByRole('button', { name: '中文' }).click();
		await page.waitForFunction(() =>
			document.querySelector('header nav')?.textContent?.includes('总览')
		);
		expect(w.errors).toEqual([]);
		expect(await w.violations()).toEqual([]);
		await context.close();
	});
});
