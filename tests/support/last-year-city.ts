/**
 * The city of the dashboard e2e suites, all in LAST fiscal year so the suites behave the same on any
 * day of the year: 教育局 (122) with two schools, a project and spending without a plan, and 水利
 * (138), paid across month ends. Each suite gets its own server (on a scratch PostgreSQL database
 * when TEST_DATABASE_URL is set, so figures can be checked against SQL) and a signed-in Chromium page.
 */
import postgres from 'postgres';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn } from './browser';
import { createScratchDatabase } from './databases';
import { paymentRecord, planRecord, unitRecord } from './factories';
import { postBatch, startServer, type RunningServer } from './server';

export const Y =
	Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	) - 1;

export type Sent = {
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

export const at = (md: string, time = '10:00:00') => `${Y}-${md}T${time}+08:00`;

/** The payments the city starts with (a fresh list per suite: a suite may send more). */
function startingPayments(): Sent[] {
	return [
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
}

export const sumOf = (list: Sent[]) =>
	fenToYuan(list.reduce((s, p) => s + yuanToFen(p.amount), 0n));
export const sumStrings = (values: string[]) =>
	fenToYuan(values.reduce((s, v) => s + yuanToFen(v), 0n));

/**
 * The suite's server with the city sent to it, and a signed-in page, started before the suite's
 * tests and closed after. Read `server`, `page` and `sql` inside hooks and tests; `payments` is the
 * list sent so far (push what a test sends).
 */
export function useLastYearCity() {
	const state: {
		server?: RunningServer;
		browser?: Browser;
		page?: Page;
		sql?: postgres.Sql;
		dropDatabase?: () => Promise<void>;
	} = {};
	const payments = startingPayments();

	beforeAll(async () => {
		const env: Record<string, string> = {};
		if (process.env.TEST_DATABASE_URL) {
			const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
			env.DATABASE_URL = scratch.url;
			state.dropDatabase = scratch.drop;
			state.sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
		}
		const server = (state.server = await startServer(env));
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
			(await postBatch(server, { batchId: 'e2e-d-pay', kind: 'payment', records: payments })).body
		).toMatchObject({ accepted: payments.length, rejected: [] });
		state.browser = await launchBrowser();
		state.page = await state.browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(state.page, server);
	});

	afterAll(async () => {
		await state.browser?.close();
		await state.server?.stop();
		await state.sql?.end();
		await state.dropDatabase?.();
	});

	const city = {
		payments,
		get server() {
			return state.server!;
		},
		get page() {
			return state.page!;
		},
		/** A connection to the server's database on PostgreSQL runs; undefined on PGlite. */
		get sql() {
			return state.sql;
		},
		/** A figure's exact value (its data-value). */
		value: (testid: string) => city.page.getAttribute(`[data-testid="${testid}"]`, 'data-value'),
		/** The data-values of one column of a table. */
		column: async (table: string, col: string) =>
			city.page.$$eval(`[data-testid="${table}"] tbody td[data-col="${col}"]`, (cells) =>
				cells.map((c) => c.getAttribute('data-value') ?? '')
			),
		/** The same figure summed by SQL on the server's database (PostgreSQL runs only). */
		sqlSum: async (where: string) => {
			if (!state.sql) return null;
			const [r] = await state.sql.unsafe(
				`select coalesce(sum(amount), 0)::text as s from payment where fiscal_year = ${Y} and ${where}`
			);
			return fenToYuan(yuanToFen(r.s as string));
		}
	};
	return city;
}
