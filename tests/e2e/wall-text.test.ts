/**
 * The wall's words whole, read from 3 m, in Chromium at 1920×1080 on the built server: in English
 * (longer than Chinese) the bar charts draw every class name whole, never cut with an ellipsis nor
 * over another; the cases screen gives a summary two lines and still shows its five cases, in both
 * languages.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { launchBrowser, recordCanvasText, signIn, watch, type DrawnText } from '../support/browser';
import { planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

const SHOTS = 'test-results/screenshots';
/** Class labels as the English code table names them, the longest of it first. */
const NAMES = [
	'211 Energy conservation and environmental protection',
	'212 Urban and rural community affairs',
	'208 Social security and employment',
	'201 General public services',
	'205 Education'
];
/** The category of an overdue audit finding: its case's summary takes two lines. */
const LONG_CATEGORY = '财政专项资金管理使用不规范，部分项目资金长期闲置未及时统筹盘活使用';

describe('the wall’s words whole in English and Chinese', () => {
	let server: RunningServer;
	let browser: Browser;
	let tvContext: BrowserContext;
	let tv: Page;
	let tvWatch: Awaited<ReturnType<typeof watch>>;
	let canvas: Awaited<ReturnType<typeof recordCanvasText>>;
	const year = Number(fiscalToday('Asia/Shanghai').slice(0, 4));

	/** An audit finding of last year, `days` overdue today: a severe case of this year. */
	const overdue = (id: string, unitName: string, category: string, days: number) => ({
		id,
		year: year - 1,
		unitName,
		category,
		description: '整改未完成',
		amount: '300000.00',
		type: 'immediate',
		dueDate: new Date(Date.parse(`${fiscalToday('Asia/Shanghai')}T00:00:00Z`) - days * 86_400_000)
			.toISOString()
			.slice(0, 10),
		status: 'open'
	});

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		server = await startServer();
		await postBatch(server, {
			batchId: 'wt-units',
			kind: 'unit',
			records: [unitRecord(), unitRecord({ code: '126', name: '市民政局' })]
		});
		await postBatch(server, {
			batchId: 'wt-plans',
			kind: 'plan',
			records: NAMES.map((name, i) =>
				planRecord({ year, funcCode: name.slice(0, 3), amount: `${(i + 1) * 10_000_000}.00` })
			)
		});
		// Five more classes, smaller: ten rows, as many as the overview's chart shows.
		await postBatch(server, {
			batchId: 'wt-plans-more',
			kind: 'plan',
			records: ['204', '206', '207', '210', '213'].map((funcCode, i) =>
				planRecord({ year, funcCode, amount: `${(i + 1) * 1_000_000}.00` })
			)
		});
		// Five severe cases, the one with the long summary opened last (the newest is listed first).
		await postBatch(server, {
			batchId: 'wt-audit',
			kind: 'audit',
			records: ['市民政局', '市财政局', '市审计局', '市统计局'].map((unit, i) =>
				overdue(`WT-${i}`, unit, '预算执行不到位', 200 + i)
			)
		});
		await postBatch(server, {
			batchId: 'wt-audit-long',
			kind: 'audit',
			records: [overdue('WT-LONG', '市教育局', LONG_CATEGORY, 200)]
		});

		browser = await launchBrowser();
		const admin = await (await browser.newContext()).newPage();
		tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		tv = await tvContext.newPage();
		tvWatch = await watch(tv);
		canvas = await recordCanvasText(tv);
		await signIn(admin, server);
		await admin.goto(`${server.url}/admin/displays`);
		await admin.fill('form[action="?/create"] input[name=name]', '常委会议室');
		for (const [i, screen] of ['overview', 'functions', 'alerts'].entries()) {
			await admin.selectOption(`form[action="?/create"] select[name=screen] >> nth=${i}`, screen);
			await admin.fill(`form[action="?/create"] input[name=seconds] >> nth=${i}`, '30');
		}
		await admin.click('form[action="?/create"] button.primary');
		await tv.goto((await admin.textContent('[data-testid=claim-link]'))!);
		await tv.waitForFunction(
			() => (document.querySelector('input[name=code]') as HTMLInputElement).value.length > 0
		);
		await Promise.all([tv.waitForURL(`${server.url}/wall`), tv.click('button.primary')]);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const speak = (lang: 'en' | 'zh') =>
		tvContext.addCookies([{ name: 'lang', value: lang, url: server.url }]);

	/** Opens a screen and waits until its chart has drawn its class labels (and redrawn after a resize). */
	async function openScreen(screen: string): Promise<void> {
		await tv.goto(`${server.url}/wall?screen=${screen}`);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		await tv.waitForFunction(
			() =>
				(window as unknown as { drawnText?: () => { text: string }[] })
					.drawnText?.()
					.some((d) => d.text.startsWith('205 ')) ?? false
		);
		await tv.waitForTimeout(300); // a resize's redraw
	}

	/** The lines a screen's chart draws for the class labels; none cut, none over another. */
	async function classLabels(screen: string): Promise<string[]> {
		await openScreen(screen);
		await tv.screenshot({ path: `${SHOTS}/wall-text-${screen}.png` });
		const drawn = await canvas.read();
		// ECharts cuts a label with '...' (its default ellipsis) or '…'.
		expect(drawn.filter((d) => /…|\.\.\.$/.test(d.text)).map((d) => d.text)).toEqual([]);
		const lines = drawn.filter(
			(d: DrawnText) => d.text.trim() !== '' && NAMES.some((n) => ` ${n} `.includes(` ${d.text} `))
		);
		for (const [i, a] of lines.entries())
			for (const b of lines.slice(i + 1))
				expect(
					a.right <= b.left || b.right <= a.left || Math.abs(a.y - b.y) >= 0.9 * a.size,
					`"${a.text}" over "${b.text}"`
				).toBe(true);
		return lines.map((d) => d.text);
	}

	it('draws every class name whole on the overview, each on its one line', async () => {
		await speak('en');
		expect(await classLabels('overview')).toEqual(expect.arrayContaining(NAMES));
	});

	/** A screen's class labels as drawn (a line starting with its code), one per row, top first. */
	async function classRows(screen: string): Promise<DrawnText[]> {
		await openScreen(screen);
		const rows = new Map<string, DrawnText>();
		for (const d of await canvas.read())
			if (/^2\d\d /.test(d.text)) rows.set(`${d.text}@${Math.round(d.y)}`, d);
		return [...rows.values()].sort((a, b) => a.y - b.y);
	}

	it.each([
		['en', 1920, 1080],
		['zh', 1920, 1080],
		['en', 1280, 720],
		['zh', 1280, 720]
	] as const)(
		'(%s, %i×%i) draws the overview’s ten class labels as large as the function screen’s, each row clear of the next',
		async (lang, width, height) => {
			await speak(lang);
			await tv.setViewportSize({ width, height });
			try {
				const functions = await classRows('functions');
				const overview = await classRows('overview');
				await tv.screenshot({ path: `${SHOTS}/wall-text-overview-${lang}-${width}.png` });
				expect(overview).toHaveLength(10);
				const size = Math.min(...overview.map((d) => d.size));
				expect(size).toBeGreaterThanOrEqual(Math.max(...functions.map((d) => d.size)));
				// A row's label and the next one's: a fifth of a line between them at least.
				for (const [i, d] of overview.slice(1).entries())
					expect(
						d.y - overview[i].y,
						`"${overview[i].text}" close over "${d.text}"`
					).toBeGreaterThanOrEqual(1.2 * size);
				// The overview's figures still on screen, above the chart.
				const bottom = await tv.evaluate(() =>
					Math.max(
						...[...document.querySelectorAll('[data-testid^=kpi-], .chart')].map(
							(e) => e.getBoundingClientRect().bottom
						)
					)
				);
				expect(bottom).toBeLessThanOrEqual(height);
			} finally {
				await tv.setViewportSize({ width: 1920, height: 1080 });
			}
		}
	);

	it('draws every class name whole on the function screen, a long one on two lines', async () => {
		await speak('en');
		const lines = await classLabels('functions');
		for (const name of NAMES) expect(lines.join(' ')).toContain(name);
		expect(lines.length).toBeGreaterThan(NAMES.length);
	});

	it('draws the Chinese class names as before, one line each', async () => {
		await speak('zh');
		const lines = await classLabels('functions');
		expect(lines).toHaveLength(0); // the English names are not drawn…
		const drawn = (await canvas.read()).map((d) => d.text);
		for (const label of ['211 节能环保支出', '212 城乡社区支出', '208 社会保障和就业支出'])
			expect(drawn).toContain(label); // …the Chinese ones are, whole on one line
	});

	it.each(['en', 'zh'] as const)(
		'(%s) lists five cases inside the screen, a long summary on two lines and whole',
		async (lang) => {
			await speak(lang);
			await tv.goto(`${server.url}/wall?screen=alerts`);
			await tv.waitForSelector('[data-testid=wall-alert-list]');
			await tv.screenshot({ path: `${SHOTS}/wall-text-alerts-${lang}.png` });
			const rows = await tv.evaluate(() => {
				const list = document.querySelector('[data-testid=wall-alert-list]')!;
				const card = list.closest('section')!.getBoundingClientRect();
				return [...list.querySelectorAll('li')].map((li) => {
					const summary = li.querySelector('.summary')!;
					const box = summary.getBoundingClientRect();
					const range = document.createRange();
					range.selectNodeContents(summary);
					const rects = [...range.getClientRects()];
					// The text's own lines (its boxes' tops), shown or clamped away beneath the box.
					const tops = rects.map((r) => r.top).sort((a, b) => a - b);
					const textLines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
					const lines = Math.round(box.height / parseFloat(getComputedStyle(summary).lineHeight));
					return {
						text: summary.textContent ?? '',
						lines,
						whole: textLines <= lines && rects.every((r) => r.right <= box.right + 1),
						inside: li.getBoundingClientRect().bottom <= card.bottom
					};
				});
			});
			expect(rows).toHaveLength(5);
			expect(rows.every((r) => r.inside && r.lines <= 2)).toBe(true);
			expect(rows.find((r) => r.text.includes(LONG_CATEGORY))).toMatchObject({
				lines: 2,
				whole: true
			});
			expect(await tvWatch.violations()).toEqual([]);
			expect(tvWatch.errors).toEqual([]);
		}
	);
});
