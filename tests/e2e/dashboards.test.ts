/**
 * The supervision dashboards in Chromium against the built server: drilling from the city total to a
 * single payment and back, every level adding up to the one above (against SQL when the suite runs
 * on PostgreSQL, as CI does, and always against the records it sent), a drill-down page following
 * ingest live, the ledger export, and the as-of view of a past month end.
 *
 * All data is in LAST fiscal year, so the suite behaves the same on any day of the year.
 */
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn, waitForValueChange } from '../support/browser';
import { createScratchDatabase } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';
import { postBatch, startServer, type RunningServer } from '../support/server';

const Y =
	Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	) - 1;
type Sent = {
	id: string;
	paidAt: string;
	deptCode: string;
	agencyCode: string;
	funcCode: string;
	econCode: string;
	projectCode?: string;
	amount: string;
	payeeKind?: string;
};

const at = (md: string, time = '10:00:00') => `${Y}-${md}T${time}+08:00`;
const PAYMENTS: Sent[] = [
	['01-12', '122002', '2050202', '30201', '1200.50'],
	['02-10', '122002', '2050202', '30101', '84000.00'],
	['03-05', '122003', '2050202', '30217', '3100.00'],
	['03-31', '122003', '2050203', '30201', '999.99', '', '23:59:00'],
	['04-01', '122003', '2050203', '30201', '0.01', '', '00:00:30'],
	['04-15', '122003', '2050999', '30905', '250000.00', `${Y}122001`],
	['05-20', '122003', '2050999', '30905', '-12000.00', `${Y}122001`],
	['06-30', '122002', '2080505', '30108', '6600.00'],
	['07-08', '122002', '205', '30399', '450.00'],
	['08-18', '122003', '2050999', '31003', '38000.00', `${Y}122001`],
	['09-09', '138001', '2130305', '30905', '1800000.00'],
	['10-10', '138001', '2130305', '30905', '700000.00'],
	['11-11', '122002', '2050202', '30201', '777.77'],
	['12-24', '122003', '2050202', '30201', '5000.00']
].map(
	([md, agency, func, econ, amount, project, time]) =>
		paymentRecord({
			paidAt: at(md, time),
			deptCode: agency.slice(0, 3),
			agencyCode: agency,
			funcCode: func,
			econCode: econ,
			amount,
			projectCode: project || undefined,
			payeeKind: econ === '30399' ? 'person' : 'org',
			payee: econ === '30399' ? '李秀英' : '市华联办公设备有限公司'
		}) as unknown as Sent
);

const sumOf = (list: Sent[]) => fenToYuan(list.reduce((s, p) => s + yuanToFen(p.amount), 0n));
const throughDay = (date: string) => PAYMENTS.filter((p) => p.paidAt.slice(0, 10) <= date);

describe('supervision dashboards in Chromium', () => {
	let server: RunningServer;
	let browser: Browser;
	let page: Page;
	let sql: postgres.Sql | undefined;
	let dropDatabase: (() => Promise<void>) | undefined;

	const value = (testid: string) => page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
	const column = async (table: string, col: string) =>
		page.$$eval(`[data-testid="${table}"] tbody td[data-col="${col}"]`, (cells) =>
			cells.map((c) => c.getAttribute('data-value') ?? '')
		);
	const sumStrings = (values: string[]) => fenToYuan(values.reduce((s, v) => s + yuanToFen(v), 0n));
	/** The same figure summed by SQL on the server's database (PostgreSQL runs only). */
	const sqlSum = async (where: string) => {
		if (!sql) return null;
		const [r] = await sql.unsafe(
			`select coalesce(sum(amount), 0)::text as s from payment where fiscal_year = ${Y} and ${where}`
		);
		return fenToYuan(yuanToFen(r.s as string));
	};

	beforeAll(async () => {
		const env: Record<string, string> = {};
		if (process.env.TEST_DATABASE_URL) {
			const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
			env.DATABASE_URL = scratch.url;
			dropDatabase = scratch.drop;
			sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
		}
		server = await startServer(env);
		expect(
			(
				await postBatch(server, {
					batchId: 'e2e-d-units',
					kind: 'unit',
					records: [
						unitRecord(),
						unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' }),
						unitRecord({ code: '122003', name: '市第二中学', parentCode: '122' }),
						unitRecord({ code: '138', name: '市水利和湖泊局' }),
						unitRecord({ code: '138001', name: '市水利和湖泊局（本级）', parentCode: '138' })
					]
				})
			).body
		).toMatchObject({ rejected: [] });
		expect(
			(
				await postBatch(server, {
					batchId: 'e2e-d-plans',
					kind: 'plan',
					records: [
						planRecord({
							year: Y,
							deptCode: '122',
							funcCode: '205',
							econCode: '',
							amount: '300000.00'
						}),
						planRecord({
							year: Y,
							deptCode: '122',
							funcCode: '2050202',
							econCode: '302',
							amount: '20000.00'
						}),
						planRecord({
							year: Y,
							deptCode: '122',
							funcCode: '2050999',
							econCode: '',
							projectCode: `${Y}122001`,
							projectName: '校舍维修改造',
							amount: '400000.00'
						}),
						planRecord({
							year: Y,
							deptCode: '138',
							funcCode: '2130305',
							econCode: '309',
							amount: '5000000.00'
						})
					]
				})
			).body
		).toMatchObject({ accepted: 4, rejected: [] });
		expect(
			(await postBatch(server, { batchId: 'e2e-d-pay', kind: 'payment', records: PAYMENTS })).body
		).toMatchObject({ accepted: PAYMENTS.length, rejected: [] });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(page, server);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await sql?.end();
		await dropDatabase?.();
	});

	it('drills from the overview to a single payment and back, each level adding up exactly to the one above', async () => {
		await page.goto(`${server.url}/?year=${Y}`);
		const cityExecuted = (await value('kpi-executed'))!;
		expect(cityExecuted).toBe(sumOf(PAYMENTS));
		if (sql) expect(cityExecuted).toBe(await sqlSum('true'));
		const classes = await page.$$eval('[data-testid="by-class"] tbody tr', (trs) =>
			trs.map((tr) => ({
				code: tr.getAttribute('data-code'),
				executed: tr.querySelectorAll('td')[1].getAttribute('data-value')
			}))
		);
		expect(sumStrings(classes.map((c) => c.executed!))).toBe(cityExecuted);

		// 类 205 → 款 20502 → 项 2050202.
		await Promise.all([
			page.waitForURL(/\/functions\/205\?/),
			page.dispatchEvent('[data-testid="by-class"] tr[data-code="205"] a', 'click')
		]);
		const classExecuted = (await value('kpi-executed'))!;
		expect(classExecuted).toBe(classes.find((c) => c.code === '205')!.executed);
		expect(sumStrings(await column('children', 'executed'))).toBe(classExecuted);
		expect(sumStrings(await column('departments', 'executed'))).toBe(classExecuted);
		if (sql) expect(classExecuted).toBe(await sqlSum(`func_code like '205%'`));
		const sectionRow = await page.getAttribute(
			'[data-testid="children"] tr[data-code="20502"] td[data-col="executed"]',
			'data-value'
		);
		await Promise.all([
			page.waitForURL(/\/functions\/20502\?/),
			page.click('[data-testid="children"] tr[data-code="20502"] th a')
		]);
		expect(await value('kpi-executed')).toBe(sectionRow);
		expect(sumStrings(await column('children', 'executed'))).toBe(sectionRow);
		await Promise.all([
			page.waitForURL(/\/functions\/2050202\?/),
			page.click('[data-testid="children"] tr[data-code="2050202"] th a')
		]);
		const itemExecuted = (await value('kpi-executed'))!;
		expect(itemExecuted).toBe(sumOf(PAYMENTS.filter((p) => p.funcCode === '2050202')));
		if (sql) expect(itemExecuted).toBe(await sqlSum(`func_code = '2050202'`));

		// The department spending on it → its units → a unit's project → a payment.
		await Promise.all([
			page.waitForURL(/\/departments\/122\?/),
			page.click('[data-testid="departments"] tr[data-code="122"] th a')
		]);
		const deptExecuted = (await value('kpi-executed'))!;
		expect(deptExecuted).toBe(sumOf(PAYMENTS.filter((p) => p.deptCode === '122')));
		if (sql) expect(deptExecuted).toBe(await sqlSum(`dept_code = '122'`));
		const unplanned = (await value('kpi-unplanned'))!;
		expect(unplanned).toBe('6600.00'); // 2080505 has no line of 教育局
		expect(sumStrings([...(await column('lines', 'executed')), unplanned])).toBe(deptExecuted);
		expect(sumStrings(await column('units', 'executed'))).toBe(deptExecuted);
		const unitRow = await page.getAttribute(
			'[data-testid="units"] tr[data-code="122003"] td[data-col="executed"]',
			'data-value'
		);

		await Promise.all([
			page.waitForURL(/\/units\/122003\?/),
			page.click('[data-testid="units"] tr[data-code="122003"] th a')
		]);
		expect(await value('kpi-executed')).toBe(unitRow);
		expect(sumStrings(await column('unit-projects', 'executed'))).toBe(unitRow);
		expect(await page.getAttribute('[data-testid="payments-total"]', 'data-value')).toBe(unitRow);
		const projectRow = await page.getAttribute(
			`[data-testid="unit-projects"] tr[data-code="${Y}122001"] td[data-col="executed"]`,
			'data-value'
		);

		await Promise.all([
			page.waitForURL(/\/projects\//),
			page.click(`[data-testid="unit-projects"] tr[data-code="${Y}122001"] th a`)
		]);
		const projectExecuted = (await value('kpi-executed'))!;
		expect(projectExecuted).toBe(projectRow);
		expect(projectExecuted).toBe('276000.00');
		expect(await value('kpi-plan')).toBe('400000.00');
		expect(await page.getAttribute('[data-testid="payments-total"]', 'data-value')).toBe(
			projectExecuted
		);
		expect(sumStrings(await column('payments', 'amount'))).toBe(projectExecuted);

		const id = await page.getAttribute('[data-testid="payments"] tbody tr:first-child', 'data-id');
		await Promise.all([
			page.waitForURL(/\/payments\//),
			page.click('[data-testid="payments"] tbody tr:first-child [data-testid="payment-link"]')
		]);
		expect(await page.getAttribute('[data-testid="payment"]', 'data-id')).toBe(id);
		expect(await value('payment-amount')).toBe(PAYMENTS.find((p) => p.id === id)!.amount);

		// And back up: payment → project → unit → department → overview, by the links on each page.
		for (const expected of [
			/\/projects\//,
			/\/units\/122003/,
			/\/departments\/122\?/,
			/\/departments\?/
		]) {
			await Promise.all([page.waitForURL(expected), page.click('[data-testid="link-up"]')]);
		}
		await Promise.all([
			page.waitForURL(`${server.url}/?year=${Y}`),
			page.click('[data-testid="breadcrumbs"] a:first-child')
		]);
		expect(await value('kpi-executed')).toBe(cityExecuted);
	});

	it('says so where a budget has no plan, instead of bare axes, and names that budget’s revenue', async () => {
		await page.goto(`${server.url}/?year=${Y}&kind=fund`);
		await expect
			.poll(() => page.locator('[data-testid="chart-empty"]').allTextContents())
			.toEqual(['尚无预算数，没有可比的执行率', '尚无预算数，没有可比的执行率']);
		expect(await page.textContent('[data-testid="revenue-panel"] h2')).toBe('政府性基金预算收入');
		// The month report likewise: no gap, so no pace level; no charts of nothing.
		await page.goto(`${server.url}/reports/month?year=${Y}&kind=fund&month=12`);
		expect(await page.textContent('[data-testid="report-gap"]')).toBe('—');
		expect(await page.textContent('[data-testid="report-classes-empty"]')).toBe(
			'尚无预算数，没有可比的执行率'
		);
		expect(await page.textContent('[data-testid="report-gaps-empty"]')).toBe(
			'尚无预算数，没有可比的执行率'
		);
		await page.goto(`${server.url}/reports/month?year=${Y}&month=12`);
		expect(await page.textContent('[data-testid="report-gap"]')).toMatch(
			/^-?\d+(\.\d+)? pp（(正常|提示|预警|严重)）$/
		);
		expect(await page.locator('[data-testid="report-classes-empty"]').count()).toBe(0);
		// The general budget of the same year has its charts and its own revenue panel.
		await page.goto(`${server.url}/?year=${Y}&kind=general`);
		expect(await page.locator('[data-testid="chart-empty"]').count()).toBe(0);
		expect(await page.textContent('[data-testid="revenue-panel"] h2')).toBe('一般公共预算收入');
	});

	it('updates an open department page within a second when a payment for it is ingested', async () => {
		await page.goto(`${server.url}/departments/138?year=${Y}`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await value('kpi-executed'))!;
		const unitBefore = await page.getAttribute(
			'[data-testid="units"] tr[data-code="138001"] td[data-col="executed"]',
			'data-value'
		);
		const payment = paymentRecord({
			paidAt: at('12-30'),
			deptCode: '138',
			agencyCode: '138001',
			funcCode: '2130305',
			econCode: '30905',
			amount: '4321.09'
		}) as unknown as Sent;
		const res = await postBatch(server, {
			batchId: 'e2e-d-live',
			kind: 'payment',
			records: [payment]
		});
		const acked = Date.now();
		expect(res.body).toMatchObject({ accepted: 1 });
		PAYMENTS.push(payment);
		const changed = await waitForValueChange(page, 'kpi-executed', before, 5000);
		recordFigure('e2e drill-down page ack-to-screen latency (ms)', changed.at - acked);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('4321.09')));
		expect(changed.at - acked).toBeLessThan(1000);
		expect(
			await page.getAttribute(
				'[data-testid="units"] tr[data-code="138001"] td[data-col="executed"]',
				'data-value'
			)
		).toBe(fenToYuan(yuanToFen(unitBefore!) + yuanToFen('4321.09')));
	});

	it('exports exactly the filtered rows of the ledger to CSV and XLSX', async () => {
		const filter = `year=${Y}&dept=122&min=1000&sort=amount&dir=asc`;
		await page.goto(`${server.url}/payments?${filter}`);
		const expected = PAYMENTS.filter(
			(p) => p.deptCode === '122' && yuanToFen(p.amount) >= 100_000n
		).sort((a, b) => Number(yuanToFen(a.amount) - yuanToFen(b.amount)) || a.id.localeCompare(b.id));
		expect(Number(await page.getAttribute('[data-testid="ledger-total"]', 'data-count'))).toBe(
			expected.length
		);
		expect(await page.getAttribute('[data-testid="ledger-total"]', 'data-value')).toBe(
			sumOf(expected)
		);

		const csvHref = (await page.getAttribute('[data-testid="export-csv"]', 'href'))!;
		const csv = await page.context().request.get(server.url + csvHref);
		expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
		const lines = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		const header = lines[0].split(',');
		const rows = lines.slice(1).map((l) => l.split(','));
		expect(rows.map((r) => r[0])).toEqual(expected.map((p) => p.id));
		expect(rows.map((r) => r[header.indexOf('金额（元）')])).toEqual(expected.map((p) => p.amount));

		const xlsxHref = (await page.getAttribute('[data-testid="export-xlsx"]', 'href'))!;
		const xlsx = await page.context().request.get(server.url + xlsxHref);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
		const ids: string[] = [];
		book.worksheets[0].eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)));
		expect(ids).toEqual(expected.map((p) => p.id));
	});

	it('shows the end of a past month as of that date: that month’s figures and time progress', async () => {
		const asOf = `${Y}-03-31`;
		await page.goto(`${server.url}/?year=${Y}&asOf=${asOf}`);
		await page.waitForSelector('[data-testid=historical]');
		// The payment at 23:59 on 31 March counts; the one 30 seconds after midnight does not.
		expect(await value('kpi-executed')).toBe(sumOf(throughDay(asOf)));
		if (sql) expect(await value('kpi-executed')).toBe(await sqlSum(`fiscal_date <= '${asOf}'`));
		const days = 31 + new Date(Date.UTC(Y, 2, 0)).getUTCDate() + 31;
		const yearDays = new Date(Date.UTC(Y, 1, 29)).getUTCDate() === 29 ? 366 : 365;
		expect(await value('kpi-time-progress')).toBe(
			(Math.round((days / yearDays) * 10_000) / 10_000).toFixed(4)
		);
		// A department page as of the same date links on with the date kept.
		await Promise.all([
			page.waitForURL(/\/departments\?.*asOf=/),
			page.click('h2 a[href^="/departments"]')
		]);
		await Promise.all([
			page.waitForURL(/\/departments\/122\?.*asOf=/),
			page.click('[data-testid="departments"] tr[data-code="122"] th a')
		]);
		expect(await value('kpi-executed')).toBe(
			sumOf(throughDay(asOf).filter((p) => p.deptCode === '122'))
		);
	});
});
