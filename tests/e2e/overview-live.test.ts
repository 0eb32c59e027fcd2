import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn, waitForValueChange } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';
import { recordFigure } from '../support/figures';

describe('overview follows ingest live (embedded database, no demo feed)', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);

	beforeAll(async () => {
		server = await startServer();
		const units = await postBatch(server, {
			batchId: 'e2e-units',
			kind: 'unit',
			records: [unitRecord()]
		});
		expect(units.status).toBe(200);
		const plans = await postBatch(server, {
			batchId: 'e2e-plans',
			kind: 'plan',
			records: [
				planRecord({ year, amount: '250000000.00' }),
				planRecord({ year, funcCode: '2080505', econCode: '30108', amount: '50000000.00' })
			]
		});
		expect(plans.body).toMatchObject({ accepted: 2, rejected: [] });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(page, server);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('shows the plan and a zero executed tile before any payment', async () => {
		expect(await page.getAttribute('[data-testid=kpi-plan]', 'data-value')).toBe('300000000.00');
		expect(await page.getAttribute('[data-testid=kpi-executed]', 'data-value')).toBe('0.00');
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
	});

	it('adds an ingested payment to the executed tile exactly to the fen, within a second, without a reload', async () => {
		const before = (await page.getAttribute('[data-testid=kpi-executed]', 'data-value'))!;
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		// The page applies the pushed live view: it asks the server for nothing.
		const dataRequests: string[] = [];
		const onRequest = (r: Request) =>
			void (r.url().includes('__data.json') && dataRequests.push(r.url()));
		page.on('request', onRequest);
		const payment = paymentRecord({ amount: '12345.67', paidAt: new Date().toISOString() });
		const sent = Date.now();
		const res = await postBatch(server, {
			batchId: 'e2e-pay-1',
			kind: 'payment',
			records: [payment]
		});
		const acked = Date.now();
		expect(res.body).toEqual({ batchId: 'e2e-pay-1', accepted: 1, duplicates: 0, rejected: [] });
		const changed = await waitForValueChange(page, 'kpi-executed', before, 5000);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('12345.67')));
		const latency = changed.at - acked;
		recordFigure('e2e ingest-ack-to-screen latency (ms)', latency);
		recordFigure('e2e post-to-screen latency (ms)', changed.at - sent);
		expect(latency).toBeLessThan(1000);
		// No reload happened: the page's own state survived, and no data was requested.
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
		page.off('request', onRequest);
		expect(dataRequests).toEqual([]);
		const rate = await page.getAttribute('[data-testid=kpi-rate]', 'data-value');
		expect(rate).toBe('0.0000'); // 12,345.67 of 300,000,000 is 0.004%
	});

	it('reports the same payment sent again as a duplicate and leaves the tile unchanged', async () => {
		const before = (await page.getAttribute('[data-testid=kpi-executed]', 'data-value'))!;
		const payment = paymentRecord({ amount: '500.00', paidAt: new Date().toISOString() });
		await postBatch(server, { batchId: 'e2e-dup-a', kind: 'payment', records: [payment] });
		const afterFirst = await waitForValueChange(page, 'kpi-executed', before);
		const again = await postBatch(server, {
			batchId: 'e2e-dup-b',
			kind: 'payment',
			records: [payment]
		});
		expect(again.body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
		await page.waitForTimeout(1200);
		expect(await page.getAttribute('[data-testid=kpi-executed]', 'data-value')).toBe(
			afterFirst.value
		);
	});

	it('rejects a malformed payment with a field-level reason', async () => {
		const res = await postBatch(server, {
			batchId: 'e2e-bad',
			kind: 'payment',
			records: [paymentRecord({ amount: '1.001' })]
		});
		expect(res.status).toBe(200);
		expect(res.body.accepted).toBe(0);
		expect(res.body.rejected[0].reason).toMatch(/^amount: /);
	});

	it('answers 401 to a wrong key, 400 to a malformed envelope and 413 to an oversized body', async () => {
		expect(
			(await postBatch(server, { batchId: 'x', kind: 'payment', records: [] }, 'wrong-key-123'))
				.status
		).toBe(401);
		expect((await postBatch(server, '{"batchId": "x", "kind": ')).status).toBe(400);
		expect(
			(await postBatch(server, { batchId: 'x', kind: 'cheque', records: [] })).body.error
		).toMatch(/^kind: /);
		const huge = {
			batchId: 'huge',
			kind: 'payment',
			records: [{ purpose: 'x'.repeat(10 * 1024 * 1024) }]
		};
		expect((await postBatch(server, huge)).status).toBe(413);
	});
});
