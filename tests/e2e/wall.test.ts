/**
 * A wall display from pairing to revocation, in Chromium on the built server: an admin registers it,
 * the TV claims it with the one-time code, shows its screens under the CSP (ECharts included),
 * follows ingest live, never shows an individual's name, and leaves the moment it is revoked.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAuditFindings, demoAuditRecords } from '../../src/lib/demo/audit';
import { demoDebtRecords, demoDebtYearRecords } from '../../src/lib/demo/debt';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { headline } from '../../src/lib/domain/rectification/index';
import { chartColours, launchBrowser, signIn, waitForValueChange, watch } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';
import { postBatch, startServer, type RunningServer } from '../support/server';

const SHOTS = 'test-results/screenshots';

describe('a wall display, paired, live and revoked', () => {
	let server: RunningServer;
	let browser: Browser;
	let adminContext: BrowserContext;
	let tvContext: BrowserContext;
	let admin: Page;
	let tv: Page;
	let tvWatch: Awaited<ReturnType<typeof watch>>;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const recent = () => new Date(Date.now() - 60_000).toISOString();

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		server = await startServer();
		await postBatch(server, {
			batchId: 'wall-units',
			kind: 'unit',
			records: [unitRecord(), unitRecord({ code: '126', name: '市民政局' })]
		});
		await postBatch(server, {
			batchId: 'wall-plans',
			kind: 'plan',
			records: [
				planRecord({ year, amount: '250000000.00' }),
				planRecord({ year, deptCode: '126', funcCode: '208', amount: '90000000.00' })
			]
		});
		await postBatch(server, {
			batchId: 'wall-payments',
			kind: 'payment',
			records: [
				paymentRecord({
					amount: '1800000.00',
					paidAt: recent(),
					payee: '市第三建筑工程有限公司',
					payeeKind: 'org',
					purpose: '校舍维修'
				}),
				paymentRecord({
					deptCode: '126',
					funcCode: '2080201',
					econCode: '30305',
					amount: '120000.00',
					paidAt: recent(),
					payee: '张秀英',
					payeeKind: 'person',
					purpose: '张秀英 困难补助'
				}),
				paymentRecord({
					amount: '150000.00',
					paidAt: recent(),
					payee: '李建国',
					payeeKind: undefined,
					purpose: '李建国 劳务费'
				})
			]
		});
		browser = await launchBrowser();
		adminContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		admin = await adminContext.newPage();
		tv = await tvContext.newPage();
		tvWatch = await watch(tv);
		await signIn(admin, server);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('pairs a TV with the one-time code from the admin page, once', async () => {
		await admin.goto(`${server.url}/admin/displays`);
		await admin.fill('input[name=name]', '一楼大厅');
		await admin.click('form[action="?/create"] button.primary');
		const link = (await admin.textContent('[data-testid=claim-link]'))!;
		const code = (await admin.textContent('[data-testid=claim-code]'))!;
		expect(link).toBe(`${server.url}/display/claim#${code}`);
		await admin.screenshot({ path: `${SHOTS}/admin-displays.png` });

		await tv.goto(link);
		await tv.waitForFunction(
			() => (document.querySelector('input[name=code]') as HTMLInputElement).value.length > 0
		);
		expect(tv.url()).toBe(`${server.url}/display/claim`); // the code left the address bar
		await Promise.all([tv.waitForURL(`${server.url}/wall`), tv.click('button.primary')]);
		const cookies = await tvContext.cookies();
		expect(cookies.find((c) => c.name === 'qd_display')).toMatchObject({
			httpOnly: true,
			sameSite: 'Lax'
		});

		// The same code again, from another device: refused.
		const other = await browser.newPage();
		await other.goto(`${server.url}/display/claim`);
		await other.fill('input[name=code]', code);
		await other.click('button.primary');
		await other.waitForSelector('[data-testid=claim-error]');
		expect(other.url()).toBe(`${server.url}/display/claim`);
		await other.close();
	});

	it('shows the overview with its chart under the Content Security Policy, live', async () => {
		await tv.waitForSelector('[data-testid=wall][data-screen=overview]');
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await tv.getAttribute('[data-testid=kpi-plan]', 'data-value')).toBe('340000000.00');
		expect(await chartColours(tv)).toBeGreaterThan(5);
		await tv.screenshot({ path: `${SHOTS}/wall-overview.png` });

		const before = (await tv.getAttribute('[data-testid=kpi-executed]', 'data-value'))!;
		const res = await postBatch(server, {
			batchId: 'wall-live',
			kind: 'payment',
			records: [paymentRecord({ amount: '4321.09', paidAt: new Date().toISOString() })]
		});
		const acked = Date.now();
		expect(res.body.accepted).toBe(1);
		const changed = await waitForValueChange(tv, 'kpi-executed', before, 5000);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('4321.09')));
		recordFigure('wall: ingest-ack-to-screen latency (ms)', changed.at - acked);
		expect(changed.at - acked).toBeLessThan(1000);
		expect(await tvWatch.violations()).toEqual([]);
		expect(tvWatch.errors).toEqual([]);
	});

	it('shows the open alerts by level, the same count as the alerts page, and follows a new alert live', async () => {
		const openOnAlertsPage = async () => {
			await admin.goto(`${server.url}/alerts`);
			return admin.getAttribute('[data-testid=alerts-open]', 'data-value');
		};
		const before = (await tv.getAttribute('[data-testid=alert-count]', 'data-value'))!;
		expect(before).toBe(await openOnAlertsPage());
		// Under a budget kind's title the tile says it counts every case, not that kind's.
		expect(await tv.textContent('[data-testid=alert-count] .label')).toBe('全部未办结问题线索');
		expect(Number(before)).toBeGreaterThan(0); // the 180万 payment of the set-up is a large payment
		// A payment over 5000万 of a department with no plan: at least a severe large-payment alert more.
		await postBatch(server, {
			batchId: 'wall-alert',
			kind: 'payment',
			records: [
				paymentRecord({
					deptCode: '126',
					funcCode: '2080201',
					econCode: '30299',
					amount: '60000000.00',
					paidAt: new Date().toISOString(),
					payee: '市第一建筑公司',
					payeeKind: 'org'
				})
			]
		});
		const changed = await waitForValueChange(tv, 'alert-count', before, 5000);
		expect(Number(changed.value)).toBeGreaterThan(Number(before));
		expect(changed.value).toBe(await openOnAlertsPage());
		expect(await tv.getAttribute('[data-testid=alert-count]', 'class')).toContain('tone-severe');
	});

	it('shows organisations’ names on the payments screen and never an individual’s', async () => {
		await tv.goto(`${server.url}/wall?screen=payments`);
		await tv.waitForSelector('[data-testid=wall-payments]');
		const text = (await tv.textContent('[data-testid=wall-payments]'))!;
		expect(text).toContain('市第三建筑工程有限公司');
		expect(text).toContain('校舍维修');
		expect(text).toContain('个人（不显示姓名）');
		const everything =
			(await tv.content()) +
			(await (await tvContext.request.get(`${server.url}/wall/__data.json`)).text());
		for (const name of ['张秀英', '李建国']) expect(everything).not.toContain(name);
		await tv.screenshot({ path: `${SHOTS}/wall-payments.png` });
	});

	it('shows only whole rows of the latest large payments, the newest first, each inside its card', async () => {
		await postBatch(server, {
			batchId: 'wall-payments-more',
			kind: 'payment',
			records: Array.from({ length: 8 }, (_, i) =>
				paymentRecord({
					amount: `${210000 + i * 1000}.00`,
					paidAt: recent(),
					payee: `湖北第${i + 1}建设工程有限公司`,
					payeeKind: 'org',
					purpose: `2026年道路微循环改造工程第${i + 1}标段进度款`
				})
			)
		});
		await tv.goto(`${server.url}/wall?screen=payments`);
		const tenth = '[data-testid=wall-payments] tbody tr:nth-child(10)'; // past the screen: unseen
		await tv.waitForSelector(tenth, { state: 'attached' });
		const { card, rows } = await tv.evaluate(() => {
			const table = document.querySelector('[data-testid=wall-payments]')!;
			return {
				card: table.closest('section')!.getBoundingClientRect().bottom,
				rows: [...table.querySelectorAll('tbody tr')].map((r) => ({
					bottom: r.getBoundingClientRect().bottom,
					seen: getComputedStyle(r).visibility === 'visible'
				}))
			};
		});
		const seen = rows.filter((r) => r.seen).length;
		await tv.screenshot({ path: `${SHOTS}/wall-payments-full.png` });
		expect(seen).toBeGreaterThanOrEqual(5);
		expect(seen).toBeLessThan(rows.length);
		expect(rows.slice(0, seen).every((r) => r.seen && r.bottom <= card)).toBe(true);
	});

	it('rotates through its playlist by itself, and follows a new playlist at once', async () => {
		const refused = await tv.goto(`${server.url}/admin/displays`);
		expect(refused?.status()).toBe(403); // a display cannot open people's pages
		await tv.goto(`${server.url}/wall`);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		await admin.goto(`${server.url}/admin/displays`);
		await admin.click('button:has-text("修改")');
		await admin.fill('form[action="?/playlist"] input[name=seconds] >> nth=0', '5');
		await admin.fill('form[action="?/playlist"] input[name=seconds] >> nth=1', '5');
		// Saving closes the display's sockets; it reloads with the new playlist of 5-second screens.
		await admin.click('form[action="?/playlist"] button.primary');
		await tv.waitForSelector('[data-testid=wall][data-screen=payments]', { timeout: 12_000 });
		await tv.waitForSelector('[data-testid=wall][data-screen=overview]', { timeout: 12_000 });
	});

	it('shows government debt and audit rectification, each following its live topic', async () => {
		const today = fiscalToday('Asia/Shanghai');
		// Last year's debt, this year's through last month and the audit of last year, as the demo
		// city has them (in January this year has no month yet: the screen shows last year).
		const interest = { general: 35_500_000_000n, special: 38_000_000_000n };
		const debt = [
			...demoDebtYearRecords(year - 1, interest),
			...demoDebtRecords(year, today, interest)
		];
		expect(
			(await postBatch(server, { batchId: 'wall-debt', kind: 'debt', records: debt })).body
		).toMatchObject({ rejected: [] });
		const audit = demoAuditRecords(year);
		expect(
			(await postBatch(server, { batchId: 'wall-audit', kind: 'audit', records: audit })).body
		).toMatchObject({ rejected: [] });
		// The playlist editor's two empty rows: the debt and audit screens.
		await admin.goto(`${server.url}/admin/displays`);
		await admin.click('button:has-text("修改")');
		for (const [i, screen] of [[2, 'debt'] as const, [3, 'audit'] as const]) {
			await admin.selectOption(`form[action="?/playlist"] select[name=screen] >> nth=${i}`, screen);
			await admin.fill(`form[action="?/playlist"] input[name=seconds] >> nth=${i}`, '30');
		}
		await admin.click('form[action="?/playlist"] button.primary');
		await tv.waitForTimeout(1500); // the display reloads onto its new playlist

		// Debt: the balance of the latest month (both types), in 亿元, the chart drawn.
		await tv.goto(`${server.url}/wall?screen=debt`);
		await tv.waitForSelector('[data-testid=wall-debt]');
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		const latest = debt.reduce((p, r) => (r.period > p ? r.period : p), '');
		const balanceOf = (rows: typeof debt) =>
			fenToYuan(rows.reduce((sum, r) => sum + yuanToFen(r.balance), 0n));
		const before = (await tv.getAttribute('[data-testid=debt-balance]', 'data-value'))!;
		expect(before).toBe(balanceOf(debt.filter((r) => r.period === latest)));
		expect(await tv.textContent('[data-testid=wall-title]')).toContain('政府债务');
		expect(await tv.textContent('[data-testid=wall-debt]')).toContain('亿元');
		expect(await tv.getAttribute('[data-testid=freshness]', 'data-value')).not.toBe('');
		expect(await chartColours(tv)).toBeGreaterThan(5);
		await tv.screenshot({ path: `${SHOTS}/wall-debt.png` });
		// This month's general-debt record arrives: the balance follows within a second.
		const special = debt.find((r) => r.period === latest && r.debtType === 'special')!;
		const general = debt.find((r) => r.period === latest && r.debtType === 'general')!;
		const month = today.slice(0, 7);
		await postBatch(server, {
			batchId: 'wall-debt-live',
			kind: 'debt',
			records: [
				{ ...general, id: `D-${month}-general`, period: month, balance: '1000000000.00' },
				{ ...special, id: `D-${month}-special`, period: month }
			]
		});
		const acked = Date.now();
		const changed = await waitForValueChange(tv, 'debt-balance', before, 5000);
		expect(changed.value).toBe(fenToYuan(yuanToFen(special.balance) + 100_000_000_000n));
		recordFigure('wall: debt record ack to screen (ms)', changed.at - acked);
		expect(changed.at - acked).toBeLessThan(1000);

		// Audit rectification: the same figures as the findings give, and a new overdue one live.
		await tv.goto(`${server.url}/wall?screen=audit`);
		await tv.waitForSelector('[data-testid=wall-audit]');
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		const facts = demoAuditFindings(year).map((f) => ({
			...f,
			unitCode: null,
			amount: f.amount ?? null,
			amountRectified: f.amountRectified ?? null
		}));
		const expected = headline(facts, today);
		const overdue = (await tv.getAttribute('[data-testid=audit-overdue]', 'data-value'))!;
		expect(overdue).toBe(String(expected.overdue));
		expect(await tv.getAttribute('[data-testid=audit-rate]', 'data-value')).toBe(expected.rate);
		expect(await tv.getAttribute('[data-testid=audit-amount]', 'data-value')).toBe(
			expected.amountRectified
		);
		expect(await tv.textContent('[data-testid=wall-title]')).toContain('审计整改');
		// The desk's words (/audit): 整改率, 部分整改 and 未整改.
		expect(await tv.textContent('[data-testid=audit-rate] .label')).toBe('整改率');
		expect(await tv.textContent('[data-testid=audit-overdue] .note')).toBe(
			`部分整改 ${expected.inProgress} · 未整改 ${expected.open}`
		);
		expect(await chartColours(tv)).toBeGreaterThan(5);
		await tv.screenshot({ path: `${SHOTS}/wall-audit.png` });
		const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000);
		await postBatch(server, {
			batchId: 'wall-audit-live',
			kind: 'audit',
			records: [
				{
					id: 'WALL-LATE',
					year: year - 1,
					unitName: '市教育局',
					category: '专项资金管理使用不规范',
					description: '专项资金闲置超过一年未使用',
					amount: '2000000.00',
					type: 'immediate',
					dueDate: yesterday.toISOString().slice(0, 10),
					status: 'open'
				}
			]
		});
		const late = await waitForValueChange(tv, 'audit-overdue', overdue, 5000);
		expect(late.value).toBe(String(expected.overdue + 1));

		// Revenue: the collection rate under the desk's word for it (/revenue: 收入进度), not 执行率.
		await admin.goto(`${server.url}/admin/displays`);
		await admin.click('button:has-text("修改")');
		await admin.selectOption(`form[action="?/playlist"] select[name=screen] >> nth=4`, 'revenue');
		await admin.fill(`form[action="?/playlist"] input[name=seconds] >> nth=4`, '30');
		await admin.click('form[action="?/playlist"] button.primary');
		await tv.waitForTimeout(1500);
		await tv.goto(`${server.url}/wall?screen=revenue`);
		await tv.waitForSelector('[data-testid=revenue-rate]');
		expect(await tv.textContent('[data-testid=revenue-rate] .label')).toBe('收入进度');
		expect(await tvWatch.violations()).toEqual([]);
		expect(tvWatch.errors).toEqual([]);
	});

	it('leaves the wall for the pairing page as soon as it is revoked', async () => {
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		await admin.goto(`${server.url}/admin/displays`);
		const started = Date.now();
		await admin.click('[data-testid=revoke-display]');
		await tv.waitForURL(`${server.url}/display/claim?revoked=1`, { timeout: 5000 });
		recordFigure(
			'wall: revoke click to display showing the pairing page (ms)',
			Date.now() - started
		);
		await tv.waitForSelector('[data-testid=claim-revoked]');
		expect(await tvContext.cookies()).not.toContainEqual(
			expect.objectContaining({ name: 'qd_display' })
		);
		expect((await tvContext.request.get(`${server.url}/wall`, { maxRedirects: 0 })).status()).toBe(
			303
		);
		expect(await tvWatch.violations()).toEqual([]);
	});

	it('renders the overview chart under the CSP for a signed-in user too', async () => {
		const page = await adminContext.newPage();
		const w = await watch(page);
		await page.goto(`${server.url}/`);
		expect(await chartColours(page)).toBeGreaterThan(5);
		// Charts carry no HTML tooltip (names are drawn as text only); moving over one must not error.
		const box = (await page.locator('.chart').first().boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.waitForTimeout(300);
		expect(await w.violations()).toEqual([]);
		expect(w.errors).toEqual([]);
		await page.close();
	});
});
