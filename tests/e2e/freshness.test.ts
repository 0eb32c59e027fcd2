/**
 * The freshness line ("数据截至 …") and screen readers: its time moves with every batch and the
 * clock, and the reader must not hear it again each time; it hears the feed go quiet and come back.
 * The page's clock is Playwright's, so four silent hours pass in a moment.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

/** What the live regions of the freshness line hold: what a screen reader is told of it. */
function spoken(page: Page): Promise<string> {
	return page.evaluate(() => {
		const line = document.querySelector('[data-testid=freshness]');
		const isLive = (e: Element) => {
			const live = e.getAttribute('aria-live');
			const role = e.getAttribute('role');
			return (live !== null && live !== 'off') || ['status', 'alert', 'log'].includes(role ?? '');
		};
		return [...document.querySelectorAll('*')]
			.filter(isLive)
			.filter((e) => (line && e.contains(line)) || e.closest('[data-testid^=freshness]'))
			.map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '')
			.join(' | ');
	});
}

const lineText = (page: Page) => page.textContent('[data-testid=freshness]');

describe('the freshness line and a screen reader (embedded database, no demo feed)', () => {
	let server: RunningServer;
	let browser: Browser;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const pay = (batchId: string) =>
		postBatch(server, {
			batchId,
			kind: 'payment',
			records: [paymentRecord({ paidAt: new Date().toISOString(), amount: '100.00' })]
		});

	beforeAll(async () => {
		server = await startServer();
		await postBatch(server, { batchId: 'fr-units', kind: 'unit', records: [unitRecord()] });
		await postBatch(server, {
			batchId: 'fr-plans',
			kind: 'plan',
			records: [planRecord({ year, amount: '1000000.00' })]
		});
		expect((await pay('fr-pay-1')).status).toBe(200);
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('reads out the feed going quiet and coming back, not each new batch or tick', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.clock.install({ time: new Date() });
		const page = await context.newPage();
		await signIn(page, server);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = await spoken(page);
		const line = await lineText(page);
		const received = await page.getAttribute('[data-testid=freshness]', 'data-received');

		// A batch a second later: the line shows its time, nothing new is read out.
		await new Promise((r) => setTimeout(r, 1100));
		expect((await pay('fr-pay-2')).status).toBe(200);
		await page.waitForFunction(
			(prev) =>
				document.querySelector('[data-testid=freshness]')?.getAttribute('data-received') !== prev,
			received,
			{ timeout: 5000 }
		);
		expect(await lineText(page)).not.toBe(line);
		expect(await spoken(page)).toBe(before);
		// The minute's tick: still nothing.
		await page.clock.fastForward('01:00');
		expect(await spoken(page)).toBe(before);

		// Four hours without a batch: the feed is stale, and the reader is told.
		await page.clock.fastForward('04:00:00');
		await page.waitForSelector('[data-testid=freshness] .stale', { timeout: 5000 });
		const quiet = await spoken(page);
		expect(quiet).toContain('支付数据已超过 4 小时未更新');
		expect(quiet).not.toBe(before);

		// The page's clock back at the server's, and a batch arrives: the reader hears it is back.
		await page.clock.setSystemTime(new Date());
		await page.waitForSelector('[data-testid=live-status][data-status=connected]', {
			timeout: 15_000
		});
		expect((await pay('fr-pay-3')).status).toBe(200);
		await page.waitForSelector('[data-testid=freshness] .stale', {
			state: 'detached',
			timeout: 5000
		});
		expect(await spoken(page)).toContain('数据已恢复更新');
		await context.close();
	});

	it('says how fresh the payments are on the ledger and on a payment, as on every data page', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await signIn(page, server);
		await page.goto(`${server.url}/payments`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await lineText(page)).toMatch(/^\s*数据截至 /);
		const received = await page.getAttribute('[data-testid=freshness]', 'data-received');
		expect(received).not.toBe('');

		// A new batch moves the ledger's line, as it moves the overview's.
		await new Promise((r) => setTimeout(r, 1100));
		expect((await pay('fr-pay-ledger')).status).toBe(200);
		await page.waitForFunction(
			(prev) =>
				document.querySelector('[data-testid=freshness]')?.getAttribute('data-received') !== prev,
			received,
			{ timeout: 5000 }
		);

		await Promise.all([
			page.waitForURL(/\/payments\/[^/?]+/),
			page.click('[data-testid=payments] tbody tr:first-child [data-testid=payment-link]')
		]);
		expect(await lineText(page)).toMatch(/^\s*数据截至 /);
		await context.close();
	});
});
