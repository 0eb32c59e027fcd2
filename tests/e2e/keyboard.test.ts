/**
 * Keyboard only, in Chromium: a staff member signs in, reads the overview, drills down to a
 * department, opens its case on /alerts and moves it along its workflow (待核实 → 已反馈 with a note,
 * then 已反馈 → 已整改) without a mouse — every step by Tab, typing and Enter, with focus visible where
 * it lands. On a phone the ledger's filters fold behind a button that opens by keyboard, and date
 * fields show the house focus ring. No click, fill or mouse call anywhere in this file.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { launchBrowser } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, postBatch, startServer, type RunningServer } from '../support/server';

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 200): Promise<void> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
	}
	throw new Error(`Tab never reached ${selector}`);
}

/** Signs in as staff1 by typing and Enter, landing on the overview. */
async function signInByKeyboard(page: Page, url: string, password: string): Promise<void> {
	await page.goto(`${url}/login`);
	await tabTo(page, 'input[name=username]');
	await page.keyboard.type('staff1');
	await tabTo(page, 'input[name=password]');
	await page.keyboard.type(password);
	await Promise.all([page.waitForURL(`${url}/`), page.keyboard.press('Enter')]);
}

/** The focused element's outline, as the house focus ring is drawn (3px solid, the on-track blue). */
function focusRing(page: Page): Promise<string> {
	return page.evaluate(() => {
		void document.body.offsetWidth; // a fresh layout: focus inside a date field's parts
		const style = getComputedStyle(document.activeElement!);
		return `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
	});
}
const HOUSE_RING = '3px solid rgb(24, 88, 200)';

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
function focusVisible(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return false;
		const style = getComputedStyle(el);
		return (
			(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
			style.boxShadow !== 'none'
		);
	});
}

describe('keyboard only', () => {
	let server: RunningServer;
	let browser: Browser;
	let password: string;
	const year = Number(fiscalToday('Asia/Shanghai').slice(0, 4));

	beforeAll(async () => {
		server = await startServer();
		const principals = await setUpPrincipals(server, ADMIN_PASSWORD);
		password = principals.passwords.staff1;
		// 市教育局 has spent a tenth of its plan late in the year: its pace-lag case opens.
		const send = async (kind: string, records: unknown[]) =>
			expect((await postBatch(server, { batchId: `k-${kind}`, kind, records })).body).toMatchObject(
				{ rejected: [] }
			);
		await send('unit', [
			unitRecord(),
			unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })
		]);
		await send('plan', [planRecord({ year, amount: '10000000.00' })]);
		const paidAt = new Date(Date.now() - 3_600_000).toISOString();
		await send('payment', [paymentRecord({ amount: '100000.00', paidAt })]);
		// Pace lag moves with time: the periodic run (every minute) opens the case.
		for (let i = 0; ; i++) {
			const list = await principals.agents.staff.request('GET', '/alerts');
			if (/href="\/alerts\/\d+"/.test(list.text)) break;
			if (i > 60) throw new Error('no case opened within two minutes');
			await new Promise((r) => setTimeout(r, 2_000));
		}
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('signs in, drills down to a department and works its case without a mouse', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await signInByKeyboard(page, server.url, password);
		// The overview: its heading and the department ranking it drills down from.
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.locator('[data-testid=dept-ranking]').waitFor({ state: 'attached' });

		// The skip link comes first and is visible when focused.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('跳到正文');
		expect(await focusVisible(page)).toBe(true);

		await tabTo(page, 'a[href^="/departments/122"]');
		expect(await focusVisible(page)).toBe(true);
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/departments/122'),
			page.keyboard.press('Enter')
		]);
		await page.getByRole('heading', { level: 1 }).waitFor();
		expect(await page.textContent('h1')).toContain('市教育局');

		await tabTo(page, 'nav a[href="/alerts"]');
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/alerts'),
			page.keyboard.press('Enter')
		]);
		await tabTo(page, '[data-testid=cases] a[href^="/alerts/"]');
		await Promise.all([
			page.waitForURL((u) => /^\/alerts\/\d+$/.test(u.pathname)),
			page.keyboard.press('Enter')
		]);
		await page.locator('[data-testid=alert-note]').waitFor();
		expect(await page.textContent('h1')).toContain('市教育局');

		await tabTo(page, '[data-testid=alert-note]');
		await page.keyboard.type('已函询市教育局，待其书面说明。');
		await tabTo(page, '[data-testid=alert-acknowledge]');
		expect(await focusVisible(page)).toBe(true);
		await page.keyboard.press('Enter');
		await page.locator('[data-testid=alert-history]').getByText('已函询市教育局').waitFor();
		expect(await page.locator('[data-testid=alert-meta]').textContent()).toContain('已反馈');

		// On along the workflow: 已反馈 → 已整改, the outcome said in a status line.
		await tabTo(page, '[data-testid=alert-note]');
		await page.keyboard.type('市教育局已书面说明并加快支付。');
		await tabTo(page, '[data-testid=alert-resolve]');
		expect(await focusVisible(page)).toBe(true);
		await page.keyboard.press('Enter');
		await page.locator('[data-testid=alert-history]').getByText('已书面说明').waitFor();
		expect(await page.locator('[data-testid=alert-meta]').textContent()).toContain('已整改');
		expect(await page.locator('[data-testid=alert-work] [role=status]').textContent()).toContain(
			'已整改'
		);
		await page.close();
	});

	it('folds the ledger filters on a phone behind a button that opens by keyboard; desk filters stay open', async () => {
		const phone = await browser.newPage({
			viewport: { width: 390, height: 844 },
			isMobile: true,
			hasTouch: true
		});
		await signInByKeyboard(phone, server.url, password);
		await phone.goto(`${server.url}/payments`);
		const toggle = phone.locator('[data-testid=ledger-filter-toggle]');
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await phone.locator('[data-testid=ledger-filter]').isVisible()).toBe(false);
		// The first payment row is on the first screen.
		const first = await phone.locator('[data-testid=payments] tbody tr').first().boundingBox();
		expect(first!.y + first!.height).toBeLessThan(844);

		await tabTo(phone, '[data-testid=ledger-filter-toggle]');
		expect(await focusRing(phone)).toBe(HOUSE_RING);
		await phone.keyboard.press('Enter');
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		expect(await phone.locator('[data-testid=ledger-filter]').isVisible()).toBe(true);
		// A date field shows the house ring on each of its parts (year, month, day, calendar button),
		// not the browser's own.
		await tabTo(phone, 'input[name=from]');
		const rings: string[] = [];
		while (await phone.evaluate(() => document.activeElement?.getAttribute('name') === 'from')) {
			rings.push(await focusRing(phone));
			await phone.keyboard.press('Tab');
		}
		expect(rings.length).toBeGreaterThanOrEqual(4);
		expect(new Set(rings)).toEqual(new Set([HOUSE_RING]));
		// The cases list folds its filters the same way.
		await phone.goto(`${server.url}/alerts`);
		expect(await phone.getAttribute('[data-testid=alert-filter-toggle]', 'aria-expanded')).toBe(
			'false'
		);
		expect(await phone.locator('[data-testid=alert-filters]').isVisible()).toBe(false);
		// In English the longer product name wraps beside the menu button, not above it.
		await phone.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
		await phone.goto(`${server.url}/alerts`);
		const brand = (await phone.locator('header .brand').boundingBox())!;
		const menu = (await phone.locator('header .menu-toggle').boundingBox())!;
		expect(menu.y).toBeLessThan(brand.y + brand.height);
		await phone.close();

		const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await signInByKeyboard(desk, server.url, password);
		await desk.goto(`${server.url}/payments`);
		expect(await desk.locator('[data-testid=ledger-filter-toggle]').isVisible()).toBe(false);
		expect(await desk.locator('[data-testid=ledger-filter]').isVisible()).toBe(true);
		await tabTo(desk, 'input[name=to]');
		expect(await focusRing(desk)).toBe(HOUSE_RING);
		await desk.close();
	});
});
