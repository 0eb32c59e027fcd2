import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

describe('a classification code loaded while pages are open (embedded database, no demo feed)', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const payment = paymentRecord({
		amount: '1500000.00',
		funcCode: '2050298',
		purpose: null,
		paidAt: new Date(Date.now() - 60_000).toISOString()
	});

	beforeAll(async () => {
		server = await startServer();
		await postBatch(server, { batchId: 'codes-units', kind: 'unit', records: [unitRecord()] });
		await postBatch(server, {
			batchId: 'codes-plans',
			kind: 'plan',
			records: [planRecord({ year, amount: '250000000.00' })]
		});
		const paid = await postBatch(server, {
			batchId: 'codes-pay',
			kind: 'payment',
			records: [payment]
		});
		expect(paid.body).toMatchObject({ accepted: 1, rejected: [] });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('names a new 项 on the open overview once the finance system’s code arrives, without a reload', async () => {
		const ticker = page.locator(`li[data-id="${payment.id}"]`);
		await expect.poll(() => ticker.textContent()).toContain('未知科目 (2050298)');
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		const loaded = await postBatch(server, {
			batchId: 'codes-table',
			kind: 'code',
			records: [
				{ scheme: 'function', code: '2050298', name: '普通教育信息化', year },
				{ scheme: 'function', code: '20A', name: '坏编码' }
			]
		});
		expect(loaded.body).toMatchObject({
			accepted: 1,
			rejected: [{ index: 1, reason: expect.stringMatching(/^code: /) }]
		});
		await expect
			.poll(() => ticker.textContent(), { timeout: 5000 })
			.toContain('2050298 普通教育信息化');
		expect(await ticker.textContent()).not.toContain('未知科目');
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
	});

	it('lists codes in data that are not in the year’s table on the staff page, with count and amount', async () => {
		await postBatch(server, {
			batchId: 'codes-pay-2',
			kind: 'payment',
			records: [
				paymentRecord({
					funcCode: '2050297',
					econCode: '30999',
					amount: '20.50',
					paidAt: new Date(Date.now() - 30_000).toISOString()
				}),
				paymentRecord({
					funcCode: '2050297',
					amount: '0.25',
					paidAt: new Date(Date.now() - 30_000).toISOString()
				})
			]
		});
		await page.goto(`${server.url}/codes`);
		const row = page.locator('[data-testid=codes-unlisted] tr[data-code="2050297"]');
		expect(await row.locator('td').nth(3).getAttribute('data-value')).toBe('2');
		expect(await row.locator('td').nth(4).getAttribute('data-value')).toBe('20.75');
		// The list's cells stand apart (table.list's padding, loaded with the page, not by chance).
		expect(
			await row
				.locator('td')
				.nth(1)
				.evaluate((td) => parseFloat(getComputedStyle(td).paddingLeft))
		).toBeGreaterThan(4); // a browser's own table cells have 1 px
		// 30999 其他基本建设支出 is a national code the shipped table knows; 2050298 was loaded.
		expect(await page.locator('[data-testid=codes-unlisted] tr[data-code="30999"]').count()).toBe(
			0
		);
		expect(await page.locator('[data-testid=codes-unlisted] tr[data-code="2050298"]').count()).toBe(
			0
		);
		await page.textContent('[data-testid=freshness]');
		await page.locator('[data-testid=codes-scheme-function] summary').click();
		// The test's own view; docs/screenshots/codes-table.png is the demo city's (scripts/shot-mobile.mjs).
		await page.screenshot({ path: 'test-results/screenshots/codes-live.png', fullPage: false });
	});
});
