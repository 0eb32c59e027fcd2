import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssetReports } from '../../src/lib/demo/assets';
import { demoDebtRecords, demoDebtYearRecords } from '../../src/lib/demo/debt';
import { launchBrowser, signIn } from '../support/browser';
import { recordFigure } from '../support/figures';
import { postBatch, startServer, type RunningServer } from '../support/server';

const interest = { general: 35_500_000_000n, special: 38_000_000_000n };
const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

/** Waits until the element's data-value differs from `previous`; when it did, and the new value. */
async function valueChange(page: Page, selector: string, previous: string) {
	await page.waitForFunction(
		([sel, prev]) => document.querySelector(sel)?.getAttribute('data-value') !== prev,
		[selector, previous] as const,
		{ timeout: 5000, polling: 'raf' }
	);
	return { value: (await page.getAttribute(selector, 'data-value'))!, at: Date.now() };
}

describe('state assets and government debt follow ingest live; the annual report prints on A4', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		server = await startServer();
		// Three annual asset reports (2023–2025) and the debt of 2024–2026 as the demo city has them.
		for (const y of [2024, 2025, 2026]) {
			const res = await postBatch(server, {
				batchId: `e2e-assets-${y}`,
				kind: 'asset',
				records: demoAssetReports(y)
			});
			expect(res.body).toMatchObject({ rejected: [] });
		}
		const debt = [
			...demoDebtYearRecords(2024, interest),
			...demoDebtYearRecords(2025, interest),
			...demoDebtRecords(2026, '2026-11-15', interest)
		];
		const res = await postBatch(server, { batchId: 'e2e-debt', kind: 'debt', records: debt });
		expect(res.body).toMatchObject({ accepted: debt.length, rejected: [] });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server);
		mkdirSync(SHOTS, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('shows each category of the latest report with exact figures, and the years compared', async () => {
		await page.goto(`${server.url}/assets`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const total = '[data-category=enterprise] [data-testid=asset-total]';
		expect(await page.getAttribute(total, 'data-value')).toMatch(/^\d+\.\d{2,}$/);
		for (const c of ['enterprise', 'financial', 'administrative'])
			for (const id of ['asset-total', 'asset-liabilities', 'asset-equity'])
				expect(
					await page.getAttribute(`[data-category=${c}] [data-testid=${id}]`, 'data-value')
				).toBeTruthy();
		// The category's own table of years, then the chart's text equivalent with the same years.
		const trend = page.locator('[data-testid=asset-trend-enterprise]');
		expect(await trend.locator('table.data').first().locator('tbody tr').count()).toBe(3);
		expect(await trend.locator('[data-testid=chart-table] tbody tr').count()).toBe(3);
		// A report is a year's, not a moment's: the line says when it arrived, never "数据截至" then.
		expect(await page.textContent('[data-testid=freshness]')).toMatch(/^\s*最近接收 \d+月\d+日 /);
		await page.waitForTimeout(500); // the trend charts draw
		await page.screenshot({ path: `${SHOTS}assets.png`, fullPage: true });
	});

	it("opens an entity's page from /assets: its reports over the years, a chart and its cases", async () => {
		await page.goto(`${server.url}/assets`);
		// An enterprise with an open alert (the demo city has over-leveraged groups every year).
		const row = page
			.locator('[data-testid=asset-entities] tr[data-level]:not([data-level=""])')
			.first();
		const code = (await row.getAttribute('data-entity'))!;
		await row.locator('[data-testid=entity-link]').click();
		await page.waitForURL(`**/assets/entities/${code}`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await page.getAttribute('[data-testid=page-title]', 'data-entity')).toBe(code);
		// Three annual reports, oldest first, each with its exact figures.
		const periods = await page
			.locator('[data-testid=entity-history] tbody tr')
			.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-period')));
		expect(periods).toEqual(['2023', '2024', '2025']);
		const newest = '[data-testid=entity-history] tr[data-period="2025"]';
		expect(await page.getAttribute(`${newest} [data-col=totalAssets]`, 'data-value')).toMatch(
			/^\d+(\.\d+)?$/
		);
		expect(
			await page.getAttribute('[data-testid=entity-latest] [data-testid=asset-total]', 'data-value')
		).toBe(await page.getAttribute(`${newest} [data-col=totalAssets]`, 'data-value'));
		await page.waitForSelector('[data-testid=entity-trend] canvas');
		// Its case, opened from the page, names the entity and links back.
		const caseLink = page.locator('[data-testid=entity-cases] li a').first();
		expect(await caseLink.count()).toBe(1);
		await page.setViewportSize({ width: 1920, height: 1080 });
		await page.waitForTimeout(500); // the chart redraws at the new width
		await page.screenshot({ path: `${SHOTS}asset-entity.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		await page.screenshot({ path: `${SHOTS}mobile/asset-entity-phone.png`, fullPage: true });
		await page.setViewportSize({ width: 1600, height: 1000 });
		// Keyboard: the case link takes focus and opens with Enter.
		await caseLink.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/alerts\/\d+$/);
		await page.waitForSelector('[data-testid=case-entity]');
		expect(await page.getAttribute('[data-testid=case-entity]', 'href')).toBe(
			`/assets/entities/${code}`
		);
		// Its rows are the report it judged: a year with reports (2023–2025), not the alert's own year.
		expect(await page.getAttribute('[data-testid=alert-rows]', 'href')).toMatch(
			/^\/assets\?year=202[345]$/
		);
		// In the cases list its annual facts (no date of their own) read as its period, not a dash.
		const caseId = page.url().match(/\/alerts\/(\d+)$/)![1];
		const period = (await page.textContent('[data-testid=alert-meta]'))!.match(
			/期间\s*(\d{4})\b/
		)![1];
		let facts: string | null = null;
		for (const q of ['', `?year=${period}`, `?year=${Number(period) + 1}`]) {
			await page.goto(`${server.url}/alerts${q}`);
			const cell = page.locator(
				`[data-testid=cases] tr[data-id="${caseId}"] [data-testid=case-facts]`
			);
			if ((await cell.count()) === 1) {
				facts = (await cell.textContent())!.trim();
				break;
			}
		}
		expect(facts).toBe(`${period}年度`);
		await page.goto(`${server.url}/alerts/${caseId}`);
	});

	it('in English at 1280 px the page fits: the unit-type table inside its card, one entity singular', async () => {
		const url = new URL(server.url);
		await page.context().addCookies([{ name: 'lang', value: 'en', url: url.origin }]);
		try {
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(`${server.url}/assets`);
			await page.waitForSelector('[data-testid=asset-unit-types]');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				1280
			);
			const overflow = await page.evaluate(() => {
				const table = document.querySelector('[data-testid=asset-unit-types]')!;
				const card = table.closest('.card')!;
				const padding = parseFloat(getComputedStyle(card).paddingRight);
				return table.getBoundingClientRect().right - (card.getBoundingClientRect().right - padding);
			});
			expect(overflow).toBeLessThanOrEqual(0.5);
			expect(await page.textContent('[data-testid=asset-unit-types-unit]')).toBe('Unit: 100m yuan');
			expect(
				(await page.textContent('[data-category=natural] [data-testid=assets-count]'))!.trim()
			).toBe('1 entity');
		} finally {
			await page.context().clearCookies({ name: 'lang' });
			await page.setViewportSize({ width: 1600, height: 1000 });
		}
	});

	it('adds an enterprise report ingested while /assets is open, within a second', async () => {
		// The entity test left for a case page: open /assets again and wait for its live connection.
		await page.goto(`${server.url}/assets`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const total = '[data-category=enterprise] [data-testid=asset-total]';
		const before = (await page.getAttribute(total, 'data-value'))!;
		const res = await postBatch(server, {
			batchId: 'e2e-asset-live',
			kind: 'asset',
			records: [
				{
					id: 'A-2025-LIVE',
					period: '2025',
					category: 'enterprise',
					entityCode: 'LIVE',
					entityName: '安澜市新设国有企业',
					figures: { totalAssets: '1000000.01', totalLiabilities: '400000.00', equity: '600000.01' }
				}
			]
		});
		const acked = Date.now();
		expect(res.body).toMatchObject({ accepted: 1 });
		const changed = await valueChange(page, total, before);
		const [int, frac = ''] = before.split('.');
		const scale = 10n ** BigInt(frac.length);
		const expected = BigInt(int + frac) + 100000001n * (scale / 100n);
		expect(BigInt(changed.value.replace('.', ''))).toBe(expected);
		recordFigure('e2e asset ingest-ack-to-screen latency (ms)', changed.at - acked);
		expect(changed.at - acked).toBeLessThan(1000);
	});

	it('shows the debt limit, balance and ratio, and follows a debt record within a second', async () => {
		await page.goto(`${server.url}/debt`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const balance = (await page.getAttribute('[data-testid=debt-balance]', 'data-value'))!;
		expect(await page.getAttribute('[data-testid=debt-limit]', 'data-value')).toMatch(
			/^\d+\.\d{2}$/
		);
		expect(await page.getAttribute('[data-testid=debt-ratio]', 'data-value')).toMatch(
			/^\d\.\d{4}$/
		);
		expect(await page.textContent('[data-testid=freshness]')).toMatch(/^\s*最近接收 /);
		await page.waitForTimeout(500);
		await page.screenshot({ path: `${SHOTS}debt.png`, fullPage: true });
		const res = await postBatch(server, {
			batchId: 'e2e-debt-live',
			kind: 'debt',
			records: [
				{
					id: 'D-2026-11-general',
					period: '2026-11',
					debtType: 'general',
					limit: '126000000000.00',
					balance: '120000000000.00'
				}
			]
		});
		const acked = Date.now();
		expect(res.body).toMatchObject({ accepted: 1 });
		const changed = await valueChange(page, '[data-testid=debt-balance]', balance);
		expect(changed.value).not.toBe(balance);
		recordFigure('e2e debt ingest-ack-to-screen latency (ms)', changed.at - acked);
		expect(changed.at - acked).toBeLessThan(1000);
	});

	it('prints the annual asset report on A4', async () => {
		await page.goto(`${server.url}/assets/report?year=2025`);
		await page.waitForSelector('[data-testid=asset-report]');
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		const text = pdf.toString('latin1');
		// A4 is 595.28 × 841.89 points; Chromium writes its MediaBox rounded.
		const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text)!;
		expect(Math.abs(Number(box[1]) - 595.28)).toBeLessThan(1.5);
		expect(Math.abs(Number(box[2]) - 841.89)).toBeLessThan(1.5);
		await page.emulateMedia({ media: 'print' });
		await page.setViewportSize({ width: 794, height: 1123 });
		expect(await page.locator('header.top').isVisible()).toBe(false);
		await page.screenshot({ path: `${SHOTS}asset-report-print.png`, fullPage: true });
		await page.emulateMedia({ media: 'screen' });
	});
});
