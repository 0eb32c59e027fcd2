/**
 * Dashboards benchmark (`npm run bench:dashboards`): seeds millions of payments and measures the
 * server time of the pages' data queries — the overview, a department page, a raw drill-down (one
 * department's payments for a month) — as median and p95 over repeated loads, next to a full-scan
 * GROUP BY of the same data in the same run; on PostgreSQL and on PGlite. Then the first-load
 * JavaScript of the overview and of a chart-less page, gzip as served by the built server.
 *
 *   npm run bench:dashboards -- [--payments 5000000] [--runs 40] [--only postgres|pglite|js] [--keep]
 *
 * PostgreSQL comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (a database `qd_bench_<n>` is created
 * there; --keep keeps it, and the PGlite directory, for the next run instead of seeding again).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rows, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import { parseLedgerFilter } from '../../src/lib/domain/ledger-filter';
import * as departments from '../../src/lib/server/departments/index';
import * as execution from '../../src/lib/server/execution';
import * as ledger from '../../src/lib/server/ledger/queries';
import { setRuntime } from '../../src/lib/server/runtime';
import { seedBenchData } from './dashboards-data';

const { values: args } = parseArgs({
	options: {
		payments: { type: 'string', default: '5000000' },
		runs: { type: 'string', default: '40' },
		only: { type: 'string' },
		keep: { type: 'boolean', default: false }
	}
});
const PAYMENTS = Number(args.payments);
const RUNS = Number(args.runs);
const YEAR = 2026;
const YEAR_NOW = Number(
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
		new Date()
	)
);
const AS_OF = '2026-11-28';
const log = (m: string) => console.log(`[bench] ${m}`);

interface Stat {
	median: number;
	p95: number;
	runs: number;
}

function stat(samples: number[]): Stat {
	const s = [...samples].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
	return {
		median: Math.round(at(0.5) * 10) / 10,
		p95: Math.round(at(0.95) * 10) / 10,
		runs: s.length
	};
}

async function measure(label: string, runs: number, f: () => Promise<unknown>): Promise<Stat> {
	await f(); // warm: plans cached, pages in memory, as on a server that has been serving
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await f();
		samples.push(performance.now() - t);
	}
	const s = stat(samples);
	log(`${label}: median ${s.median} ms, p95 ${s.p95} ms (${runs} runs)`);
	return s;
}

async function ready(database: Database, name: string): Promise<boolean> {
	try {
		const [r] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from payment`);
		return r.n >= PAYMENTS;
	} catch {
		return false;
	} finally {
		log(`${name}: checking for an earlier seed`);
	}
}

async function benchDatabase(name: 'postgres' | 'pglite', database: Database) {
	if (!(await ready(database, name))) {
		await migrateDatabase(database);
		await seedReferenceCodes(database);
		const t = performance.now();
		await seedBenchData(
			database,
			{ year: YEAR, payments: PAYMENTS, lastYearPayments: Math.round(PAYMENTS / 10) },
			(m) => log(`${name}: ${m}`)
		);
		log(`${name}: seeded in ${Math.round((performance.now() - t) / 1000)} s`);
	}
	setRuntime({
		database,
		config: { fiscalTz: 'Asia/Shanghai', ingestKeys: [], demo: false, alertsOnIngest: true },
		live: { publish() {} }
	});
	const [counts] = await rows<{ payments: number; rollup: number }>(
		database.db,
		sql`select (select count(*) from payment)::int as payments, 
			(select count(*) from execution_rollup)::int as rollup`
	);
	// The largest department (most units, most payments) and a typical one (median by payments).
	const depts = await rows<{ dept: string; n: number }>(
		database.db,
		sql`select dept_code as dept, sum(payment_count)::int as n from execution_rollup
			where level = 'dept' and grain = 'm' and budget_kind = 'general' and period >= ${`${YEAR}-01-01`}::date group by 1 order by 2 desc`
	);
	const largest = depts[0].dept;
	const typical = depts[Math.floor(depts.length / 2)].dept;
	const q = { year: YEAR, budgetKind: 'general' as const, asOf: AS_OF };
	const monthEndQ = { ...q, asOf: '2026-10-31' };
	const month = parseLedgerFilter(
		new URLSearchParams({ dept: largest, from: '2026-10-01', to: '2026-10-31' }),
		YEAR,
		AS_OF
	);
	if (!month.ok) throw new Error(month.errors.join());
	const runs = name === 'pglite' ? Math.max(10, Math.round(RUNS / 2)) : RUNS;
	const [monthRows] = await rows<{ n: number }>(
		database.db,
		sql`select count(*)::int as n from payment where dept_code = ${largest} and fiscal_date between '2026-10-01' and '2026-10-31'`
	);

	const result = {
		counts,
		largestDepartment: { code: largest, payments: depts[0].n },
		typicalDepartment: { code: typical, payments: depts[Math.floor(depts.length / 2)].n },
		overview: await measure(`${name}: overview data (as of ${AS_OF})`, runs, () =>
			execution.overview(q, 'member')
		),
		overviewMonthEnd: await measure(`${name}: overview data (as of a month end)`, runs, () =>
			execution.overview(monthEndQ, 'member')
		),
		departmentLargest: await measure(
			`${name}: department page data, largest (${largest})`,
			runs,
			() => departments.department(q, largest)
		),
		departmentTypical: await measure(
			`${name}: department page data, typical (${typical})`,
			runs,
			() => departments.department(q, typical)
		),
		rawDrillDown: await measure(
			`${name}: raw drill-down, ${largest} in October (${monthRows.n} payments, page of 50 + count and sum)`,
			runs,
			() => ledger.page({ year: YEAR, budgetKind: 'general' }, month.filter, 'staff')
		),
		rawDrillDownRows: monthRows.n,
		fullScan: await measure(
			`${name}: baseline full-scan GROUP BY of the payments (by 类, as of ${AS_OF})`,
			name === 'pglite' ? 3 : 5,
			() =>
				rows(
					database.db,
					sql`select left(func_code, 3) as code, sum(amount)::text as executed, count(*)::int as n from payment
				where fiscal_year = ${YEAR} and budget_kind = 'general' and fiscal_date <= ${AS_OF}::date group by 1`
				)
		)
	};
	log(
		`${name}: overview p95 is ${(result.fullScan.median / result.overview.p95).toFixed(0)}× faster than the full scan's median`
	);
	setRuntime(undefined);
	return result;
}

/** First-load JavaScript of a page, gzip as served: every .js the browser fetches, sized by its .gz file. */
async function firstLoadJs() {
	const { postBatch, startServer } = await import('../support/server');
	const { launchBrowser, signIn } = await import('../support/browser');
	const { paymentRecord, planRecord, unitRecord } = await import('../support/factories');
	const server = await startServer();
	// A department with a plan and a payment, so every page renders with data.
	await postBatch(server, {
		batchId: 'js-units',
		kind: 'unit',
		records: [unitRecord(), unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })]
	});
	await postBatch(server, {
		batchId: 'js-plans',
		kind: 'plan',
		records: [planRecord({ year: YEAR_NOW, amount: '100000.00' })]
	});
	await postBatch(server, {
		batchId: 'js-pay',
		kind: 'payment',
		records: [paymentRecord({ id: 'JS-1', paidAt: new Date().toISOString(), amount: '1234.00' })]
	});
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		await signIn(page, server);
		const out: Record<string, { files: number; gzipKiB: number }> = {};
		for (const [label, path] of [
			['overview (charts)', '/'],
			['payments ledger (no charts)', '/payments'],
			['payment page (no charts)', '/payments/JS-1'],
			['department page (charts)', '/departments/122'],
			['function page (charts)', '/functions/205'],
			['month-end report (server-rendered SVG, no chart library)', '/reports/month']
		] as const) {
			const context = await browser.newContext({
				viewport: { width: 1920, height: 1080 },
				storageState: await page.context().storageState()
			});
			const tab = await context.newPage();
			const js = new Set<string>();
			tab.on('response', (r) => {
				const u = new URL(r.url());
				if (u.pathname.endsWith('.js')) js.add(u.pathname);
			});
			await tab.goto(server.url + path);
			await tab.waitForLoadState('networkidle');
			await tab.waitForTimeout(500);
			let bytes = 0;
			const sizes: [string, number][] = [];
			for (const p of js) {
				const file = join('build/client', p);
				const size = existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : statSync(file).size;
				bytes += size;
				sizes.push([p.split('/').pop()!, size]);
			}
			if (process.env.BENCH_VERBOSE)
				console.log(
					label,
					sizes.sort((a, b) => b[1] - a[1])
				);
			out[label] = { files: js.size, gzipKiB: Math.round((bytes / 1024) * 10) / 10 };
			log(`first-load JS, ${label}: ${out[label].gzipKiB} KiB gzip in ${js.size} files`);
			await context.close();
		}
		return out;
	} finally {
		await browser.close();
		await server.stop();
	}
}

const results: Record<string, unknown> = {
	payments: PAYMENTS,
	runs: RUNS,
	asOf: AS_OF,
	at: new Date().toISOString()
};
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

if (!args.only || args.only === 'postgres') {
	if (!baseUrl) log('postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
	else {
		const name = `qd_bench_${PAYMENTS}`;
		const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
		const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
		if (exists && !args.keep) await admin.unsafe(`drop database ${name} with (force)`);
		if (!exists || !args.keep) await admin.unsafe(`create database ${name}`);
		const url = new URL(baseUrl);
		url.pathname = `/${name}`;
		const database = await openDatabase({ url: url.toString(), max: 4 });
		try {
			results.postgres = await benchDatabase('postgres', database);
		} finally {
			await database.close();
			if (!args.keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	}
}
if (!args.only || args.only === 'pglite') {
	const dir = join(tmpdir(), `qd-bench-pglite-${PAYMENTS}`);
	if (!args.keep && existsSync(dir))
		(await import('node:fs')).rmSync(dir, { recursive: true, force: true });
	const database = await openDatabase({ dataDir: dir });
	try {
		results.pglite = await benchDatabase('pglite', database);
	} finally {
		await database.close();
		if (!args.keep) (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
	}
}
if (!args.only || args.only === 'js') {
	if (!existsSync('build/handler.js')) log('first-load JS: skipped (run `npx vite build` first)');
	else results.firstLoadJs = await firstLoadJs();
}

mkdirSync('test-results', { recursive: true });
const file = 'test-results/bench-dashboards.json';
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
writeFileSync(
	file,
	JSON.stringify([...(Array.isArray(previous) ? previous : []), results], null, 2)
);
log(`results appended to ${file}`);
process.exit(0);
