import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
import { paymentRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

describe('staff feed pages in Chromium (embedded database, no demo feed)', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		server = await startServer();
		expect(
			(await postBatch(server, { batchId: 'e2e-f-units', kind: 'unit', records: [unitRecord()] }))
				.status
		).toBe(200);
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(page, server);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('shows a newly quarantined record on an open quarantine page without a reload, raw content as text', async () => {
		await page.goto(`${server.url}/feed/quarantine`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		const bad = paymentRecord({
			id: 'E2E-Q-1',
			amount: '5.555',
			purpose: '<img src=x onerror=alert(1)>'
		});
		const res = await postBatch(server, { batchId: 'e2e-f-bad', kind: 'payment', records: [bad] });
		expect(res.body.rejected[0].reason).toMatch(/^amount: /);
		const row = page.locator('tr[data-status=open]', { hasText: 'E2E-Q-1' });
		await row.waitFor({ timeout: 5000 });
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
		// Staff read the reason in Chinese, with the server's own wording (what the sender was told) beneath.
		const reason = await row.locator('[data-testid=quarantine-reason]').innerText();
		expect(reason).toContain('金额（amount）：须为以元计、最多两位小数的数额，收到 "5.555"');
		expect(reason).toContain('amount: must be a decimal amount');
		expect(await row.locator('[data-testid=quarantine-raw-text]').innerText()).toContain(
			'"purpose": "<img src=x onerror=alert(1)>"'
		);
		expect(await page.locator('img[src=x]').count()).toBe(0);
	});

	it('re-submits a corrected record from the form, which stores it and marks the entry resubmitted', async () => {
		await page
			.locator('tr', { hasText: 'E2E-Q-1' })
			.locator('[data-testid=quarantine-fix]')
			.click();
		const raw = page.locator('[data-testid=quarantine-raw]');
		await raw.waitFor();
		// Still wrong first: the reason names the field and the entry stays open.
		await raw.fill((await raw.inputValue()).replace('"5.555"', '"5.5x"'));
		await page.locator('[data-testid=quarantine-resubmit]').click();
		const problem = await page.locator('[data-testid=quarantine-problem]').innerText();
		expect(problem).toContain('金额（amount）：须为以元计、最多两位小数的数额，收到 "5.5x"');
		expect(problem).toMatch(/amount: must be a decimal amount/);
		await raw.fill((await raw.inputValue()).replace('"5.5x"', '"5.55"'));
		await page.locator('[data-testid=quarantine-resubmit]').click();
		await page.locator('[data-testid=quarantine-done]').waitFor();
		await page.goto(`${server.url}/feed/quarantine?status=resubmitted`);
		expect(await page.locator('tr[data-status=resubmitted]', { hasText: 'E2E-Q-1' }).count()).toBe(
			1
		);
		await page.goto(`${server.url}/payments/E2E-Q-1`);
		expect(await page.content()).toContain('5.55');
	});

	it('lists each source with its newest record time and the batches received', async () => {
		await postBatch(server, {
			batchId: 'e2e-f-pay',
			kind: 'payment',
			records: [paymentRecord({ paidAt: '2026-11-27T15:04:05+08:00' })]
		});
		await page.goto(`${server.url}/feed`);
		const payments = page.locator('[data-testid=feed-sources] tr[data-source=payment]');
		expect(await payments.innerText()).toContain('15:04:05');
		expect(await page.locator('[data-testid=feed-batches] tr[data-batch=e2e-f-pay]').count()).toBe(
			1
		);
		expect(
			await page.locator('[data-testid=feed-batches] tr[data-batch=e2e-f-bad]').innerText()
		).toMatch(/1\s*$|\b1\b/);
	});
});
