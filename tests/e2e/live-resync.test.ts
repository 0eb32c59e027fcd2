/**
 * A page never shows stale figures as current: when the server goes away the page says so, and when
 * it is back the page catches up (resuming from its sequence or reloading) with what was ingested.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

describe('a drill-down page across a server restart', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-resync-'));
	let server: RunningServer | undefined;
	let browser: Browser | undefined;
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('says its figures are stale while the server is away and shows what was ingested once it is back', async () => {
		const year =
			Number(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
					new Date()
				)
			) - 1;
		server = await startServer({}, { dataDir });
		await postBatch(server, {
			batchId: 'rs-units',
			kind: 'unit',
			records: [unitRecord(), unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })]
		});
		await postBatch(server, {
			batchId: 'rs-plans',
			kind: 'plan',
			records: [planRecord({ year, amount: '100000.00' })]
		});
		await postBatch(server, {
			batchId: 'rs-pay-1',
			kind: 'payment',
			records: [paymentRecord({ paidAt: `${year}-05-06T10:00:00+08:00`, amount: '1000.00' })]
		});

		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(page, server);
		await page.goto(`${server.url}/departments/122?year=${year}`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await page.getAttribute('[data-testid=kpi-executed]', 'data-value')).toBe('1000.00');
		expect(await page.$('[data-testid=stale-notice]')).toBeNull();

		const port = server.port;
		expect(await server.stop('SIGTERM')).toBe(0);
		await page.waitForSelector('[data-testid=stale-notice]', { timeout: 10_000 });
		expect(await page.getAttribute('[data-testid=live-status]', 'data-status')).toBe('offline');

		server = await startServer({}, { dataDir, port });
		const res = await postBatch(server, {
			batchId: 'rs-pay-2',
			kind: 'payment',
			records: [paymentRecord({ paidAt: `${year}-06-06T10:00:00+08:00`, amount: '234.56' })]
		});
		expect(res.body).toMatchObject({ accepted: 1 });
		// Whether the browser reconnects before or after that payment, it ends showing it, and current.
		await page.waitForFunction(
			(expected) =>
				document.querySelector('[data-testid=kpi-executed]')?.getAttribute('data-value') ===
				expected,
			fenToYuan(yuanToFen('1000.00') + yuanToFen('234.56')),
			{ timeout: 20_000 }
		);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]', {
			timeout: 10_000
		});
		await page.waitForSelector('[data-testid=stale-notice]', { state: 'detached', timeout: 5_000 });
	});
});
