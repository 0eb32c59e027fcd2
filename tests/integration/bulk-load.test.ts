/**
 * A closed year loaded in bulk (`npm run ingest -- --bulk DIR`) is counted exactly once, however the
 * loader is stopped: the worker (a child process, as in production) is killed with SIGKILL mid-year,
 * then the load's commit fails inside its transaction (an injected fault), then the worker resumes;
 * finally the same file is sent again. Every total (payments, the rollup by department and for the
 * city) is checked against SQL sums of the source file, with nothing stored twice and the rejected
 * rows in quarantine with their reasons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../db/client';
import { copyInto, copyLine } from '../../db/copy';
import { attachRealtime, type Realtime } from '../../server/realtime';
import { bulkFaults } from '../../src/lib/server/ingest/bulk-commit';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { setRuntime, type Config } from '../../src/lib/server/runtime';
import { databaseTargets } from '../support/databases';
import { rollupAgainstRebuild, sealedFineRows } from '../support/rollup-checks';

const KEY = 'bulk-load-test-ingest-key';
const YEAR = 2025;
const ROWS = 8_000;
const BATCH = 250;
const ROOT = new URL('../..', import.meta.url).pathname;

/** The audit of YEAR's budget: a finding due by the middle of the next year, not rectified. */
const OVERDUE_FINDING = {
	id: `AUD-${YEAR}-001`,
	year: YEAR,
	report: `关于${YEAR}年度市级预算执行和其他财政收支的审计工作报告`,
	unitName: '市教育局',
	unitCode: '122',
	category: '预算执行不严格',
	description: '以拨代支，资金滞留在下级单位',
	amount: '120000.00',
	type: 'staged',
	dueDate: `${YEAR + 1}-06-30`,
	status: 'open'
};

/** The year's export: payments over the year, with two invalid rows and four repeated ids. */
function sourceRecords(): Record<string, unknown>[] {
	const depts = ['122', '131', '205'];
	const out: Record<string, unknown>[] = [];
	for (let i = 0; i < ROWS; i++) {
		const month = 1 + Math.floor((i * 12) / ROWS);
		const fen = 100 + ((i * 7919) % 5_000_000);
		out.push({
			id: `BULK-${YEAR}-${i}`,
			paidAt: `${YEAR}-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+08:00`,
			deptCode: depts[i % 3],
			agencyCode: `${depts[i % 3]}001`,
			funcCode: '2050202',
			econCode: i % 5 === 0 ? '30201' : '30101',
			amount: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
			payType: 'authorized',
			payee: '市华联办公设备有限公司',
			payeeKind: 'org'
		});
	}
	out[100] = { ...out[100], amount: 'abc' }; // invalid
	out[200] = { ...out[200], paidAt: '1999-06-01T10:00:00+08:00' }; // invalid: before 2000
	out[5000] = { ...out[10] }; // the same payment again, later in the load: a duplicate
	out[6000] = { ...out[20], amount: '1.00' }; // the same id with other content: a conflict
	out[30] = { ...out[30], id: 'PRE-DUP' }; // stored before the load with the same content
	out[40] = { ...out[40], id: 'PRE-CONF' }; // stored before the load with other content
	return out;
}

describe.each(databaseTargets)('a year loaded in bulk on $name', (target) => {
	let database: Database & { drop(): Promise<void> };
	let server: HttpServer;
	let realtime: Realtime;
	let url: string;
	const tmp = mkdtempSync(join(tmpdir(), 'qiandai-bulk-'));
	const drop = join(tmp, 'drop');
	const file = join(drop, `payments-${YEAR}.ndjson`);
	const records = sourceRecords();

	beforeAll(async () => {
		if (target.unavailable) return;
		database = await target.open();
		const config: Config = {
			fiscalTz: 'Asia/Shanghai',
			ingestKeys: [KEY],
			demo: false,
			alertsOnIngest: true
		};
		server = createServer((_req, res) => res.writeHead(404).end());
		realtime = await attachRealtime(server, { database, config, origins: [] });
		setRuntime({ database, config, live: realtime.live });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		mkdirSync(drop, { recursive: true });
		writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
		// The source file as a table, to sum it in SQL: every row with its line number.
		await database.db.execute(
			sql`create table bulk_source (line int, id text, paid_at text, dept_code text, amount text)`
		);
		await database.db.transaction((tx) =>
			copyInto(
				tx,
				'bulk_source',
				['line', 'id', 'paid_at', 'dept_code', 'amount'],
				records
					.map((r, i) =>
						copyLine([String(i + 1), r.id, r.paidAt, r.deptCode, r.amount].map(String))
					)
					.join('')
			)
		);
		const before = { source: 'test', tz: 'Asia/Shanghai' };
		const ack = await ingestBatch(
			database,
			{
				batchId: 'before-the-load',
				kind: 'payment',
				records: [{ ...records[30] }, { ...records[40], amount: '9.99' }]
			},
			before
		);
		expect(ack.accepted).toBe(2);
		// An audit finding due in the middle of the next year and not rectified: overdue today, a case
		// from its ingest on; judging the bulk year (as of its end) must not clear it as not yet due.
		const audit = await ingestBatch(
			database,
			{ batchId: 'audit-before-the-load', kind: 'audit', records: [OVERDUE_FINDING] },
			before
		);
		expect(audit.accepted).toBe(1);
		expect(await overdueCases()).toEqual(['open']);
	});
	afterAll(async () => {
		bulkFaults.failAfterInsert = undefined;
		bulkFaults.beforeStage = undefined;
		await realtime?.close();
		server?.close();
		setRuntime(undefined);
		await database?.drop();
		rmSync(tmp, { recursive: true, force: true });
	});

	const overdueCases = async () =>
		(
			await rows<{ status: string }>(
				database.db,
				sql`select status from alert where rule_type = 'auditOverdue' order by id`
			)
		).map((a) => a.status);

	const worker = (): ChildProcess =>
		spawn(
			process.execPath,
			['--import', 'tsx', 'server/ingest/cli.ts', '--bulk', drop, '--batch-size', String(BATCH)],
			{
				cwd: ROOT,
				env: { ...process.env, INGEST_URL: url, INGEST_KEY: KEY },
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
	const exited = async (child: ChildProcess) => {
		if (child.exitCode !== null) return child.exitCode;
		const [code] = (await once(child, 'exit')) as [number | null];
		return code;
	};
	const acksJournaled = () => {
		const outbox = join(drop, '.outbox');
		if (!existsSync(outbox)) return 0;
		return readdirSync(outbox)
			.map((k) => join(outbox, k, 'acks.ndjson'))
			.filter((f) => existsSync(f))
			.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').filter(Boolean).length, 0);
	};
	const until = async (what: () => boolean | Promise<boolean>, ms = 60_000) => {
		const end = Date.now() + ms;
		while (!(await what())) {
			if (Date.now() > end) throw new Error('timed out');
			await new Promise((r) => setTimeout(r, 5));
		}
	};
	const count = async (query: ReturnType<typeof sql>) =>
		(await rows<{ n: number }>(database.db, query))[0].n;
	const counted = () => count(sql`select count(*)::int as n from payment`);
	/** Tables of a commit's rollup computed aside (PostgreSQL), each dropped when its commit is over. */
	const asideTables = () =>
		count(sql`select count(*)::int as n from pg_class
			where relkind = 'r' and left(relname, 11) = 'bulk_aside_'`);

	it.skipIf(target.unavailable)(
		'counts nothing of a load whose worker is killed mid-year',
		async () => {
			// The sixth batch and any after it are held until the worker is dead, then dropped, so
			// the kill lands mid-year however fast or slow the machine.
			let arrived = 0;
			let dropHeld!: () => void;
			const killed = new Promise<boolean>((resolve) => (dropHeld = () => resolve(false)));
			bulkFaults.beforeStage = async () => (++arrived > 5 ? killed : true);
			const child = worker();
			await until(() => (arrived > 5 && acksJournaled() >= 5) || child.exitCode !== null);
			child.kill('SIGKILL');
			await exited(child);
			bulkFaults.beforeStage = undefined;
			dropHeld();
			expect(acksJournaled()).toBe(5);
			expect(existsSync(file)).toBe(true); // not moved: it resumes next time
			expect(await counted()).toBe(2); // only what was stored before the load
			expect(await count(sql`select count(*)::int as n from bulk_load`)).toBe(0);
			const [totals] = await rows<{ rollup: string; payments: string }>(
				database.db,
				sql`select (select sum(amount)::text from execution_rollup where level = 'city' and grain = 'm') as rollup,
					(select sum(amount)::text from payment) as payments`
			);
			expect(totals.rollup).toBe(totals.payments);
			expect(await count(sql`select count(*)::int as n from bulk_batch`)).toBe(5);
		},
		120_000
	);

	it.skipIf(target.unavailable)(
		'counts nothing when the commit fails in its transaction, then everything once when the worker goes on',
		async () => {
			let fired = 0;
			bulkFaults.failAfterInsert = () => {
				fired++;
				throw new Error('injected fault between the insert and the end of the commit');
			};
			const child = worker();
			let log = '';
			child.stdout!.on('data', (d) => (log += d));
			child.stderr!.on('data', (d) => (log += d));
			await until(() => fired > 0 || child.exitCode !== null);
			expect(fired).toBeGreaterThan(0);
			// The whole load is staged and nothing of it counted.
			expect(await counted()).toBe(2);
			expect(await count(sql`select count(*)::int as n from bulk_batch`)).toBe(ROWS / BATCH);
			expect(await count(sql`select count(*)::int as n from bulk_payment_stage`)).toBe(
				await count(sql`select sum(staged)::int as n from bulk_batch`)
			);
			bulkFaults.failAfterInsert = undefined;
			expect(await exited(child), log).toBe(1); // rows were rejected: the file goes to failed/
			expect(existsSync(join(drop, 'failed', `payments-${YEAR}.ndjson`))).toBe(true);
			const report = readFileSync(
				join(drop, 'failed', `payments-${YEAR}.ndjson.report.txt`),
				'utf8'
			);
			expect(report).toMatch(/row 6001, id BULK-2025-20: conflict/);
			expect(report).toMatch(/id PRE-CONF: conflict/);
			expect(report).toMatch(/row 101, id BULK-2025-100/);
			await expectExactTotals();
			expect(await asideTables()).toBe(0);
		},
		180_000
	);

	it.skipIf(target.unavailable)(
		'stores nothing twice when the same file is sent again',
		async () => {
			copyFileSync(join(drop, 'failed', `payments-${YEAR}.ndjson`), file);
			const child = worker();
			expect(await exited(child)).toBe(1);
			await expectExactTotals();
		},
		120_000
	);

	it.skipIf(target.unavailable)(
		'counts a clean year (no id stored before or repeated) once, its rollup exact',
		async () => {
			// Every payment new: the commit's first insert takes them all, and the rollup's months go
			// in by plain insert (none reached before).
			const year = YEAR - 1;
			const clean = sourceRecords()
				.slice(300, 4_300)
				.map((r, i) => ({
					...r,
					id: `CLEAN-${year}-${i}`,
					paidAt: (r.paidAt as string).replace(String(YEAR), String(year))
				}));
			const lines = clean.map((r) => JSON.stringify(r));
			writeFileSync(join(drop, `payments-${year}.ndjson`), lines.join('\n') + '\n');
			expect(await exited(worker())).toBe(0);
			const byDept = sql`select dept_code as dept, sum(amount)::text as amount, count(*)::int as n
				from payment where fiscal_year = ${year} group by 1 order by 1`;
			const rollupByDept = sql`select dept_code as dept, sum(amount)::text as amount, sum(payment_count)::int as n
				from execution_rollup where level = 'dept' and grain = 'm' and period >= ${`${year}-01-01`}::date
					and period < ${`${YEAR}-01-01`}::date
				group by 1 order by 1`;
			const payments = await rows<{ n: number }>(database.db, byDept);
			expect(payments.reduce((n, d) => n + d.n, 0)).toBe(clean.length);
			expect(await rows(database.db, rollupByDept)).toEqual(payments);
			// Its months, all older than the newest (December of YEAR), sealed with the 11 before.
			const months = new Set(clean.map((r) => (r.paidAt as string).slice(0, 7)));
			const sealed = sql`select count(*)::int as n from rollup_sealed_month`;
			expect(await count(sealed)).toBe(11 + months.size);
			const fine = await sealedFineRows(database);
			expect(fine.wrong).toBe(0);
			// On PostgreSQL the year's rollup was computed aside while its payments went in: it is the
			// rollup rebuilt from the payments, row for row, and its tables are gone.
			expect(await rollupAgainstRebuild(database)).toEqual({ missing: 0, extra: 0 });
			expect(await asideTables()).toBe(0);
		},
		120_000
	);

	/** Payments, rollup and quarantine against SQL sums of the source file. */
	async function expectExactTotals() {
		const expected = await rows<{ dept: string; amount: string; n: number }>(
			database.db,
			sql`with valid as (
					select * from bulk_source where amount ~ '^[0-9]+([.][0-9]{1,2})?$' and paid_at >= '2000'
				), first as (select distinct on (id) * from valid order by id, line)
				select dept_code as dept, sum(amount::numeric)::text as amount, count(*)::int as n
				from first where id not in ('PRE-DUP', 'PRE-CONF') group by 1 order by 1`
		);
		const loaded = await rows<{ dept: string; amount: string; n: number }>(
			database.db,
			sql`select dept_code as dept, sum(amount)::text as amount, count(*)::int as n
				from payment where batch_id <> 'before-the-load' group by 1 order by 1`
		);
		expect(loaded).toEqual(expected);
		expect(expected.reduce((n, e) => n + e.n, 0)).toBe(ROWS - 2 - 2 - 2);
		// Nothing twice, and the rollup agrees with the payments, by department and for the city.
		const [ids] = await rows<{ n: number; distinct: number }>(
			database.db,
			sql`select count(*)::int as n, count(distinct id)::int as distinct from payment`
		);
		expect(ids.n).toBe(ids.distinct);
		expect(ids.n).toBe(ROWS - 6 + 2);
		const byDept = sql`select dept_code as dept, sum(amount)::text as amount from payment group by 1 order by 1`;
		const rollupByDept = sql`select dept_code as dept, sum(amount)::text as amount from execution_rollup
			where level = 'dept' and grain = 'm' group by 1 order by 1`;
		expect(await rows(database.db, rollupByDept)).toEqual(await rows(database.db, byDept));
		const [city] = await rows<{ rollup: string; payments: string; count: number }>(
			database.db,
			sql`select (select sum(amount)::text from execution_rollup where level = 'city' and grain = 'd') as rollup,
				(select sum(amount)::text from payment) as payments,
				(select sum(payment_count)::int from execution_rollup where level = 'city' and grain = 'm') as count`
		);
		expect(city.rollup).toBe(city.payments);
		expect(city.count).toBe(ids.n);
		// Every month before December sealed, and a sealed month's plan-line and unit month rows are
		// exactly the sums of their day rows (January also held the payments stored before the load).
		const sealed = await rows<{ month: string }>(
			database.db,
			sql`select to_char(month, 'YYYY-MM') as month from rollup_sealed_month order by 1`
		);
		expect(sealed.map((s) => s.month)).toEqual(
			Array.from({ length: 11 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`)
		);
		const fine = await sealedFineRows(database);
		expect(fine.keys).toBeGreaterThan(0);
		expect(fine.wrong).toBe(0);
		// The rejected records, once each, with their reasons.
		const held = await rows<{ id: string | null; reason: string }>(
			database.db,
			sql`select record_id as id, reason from quarantine order by record_id`
		);
		expect(held).toHaveLength(4);
		expect(held.filter((q) => q.reason.startsWith('conflict:')).map((q) => q.id)).toEqual([
			'BULK-2025-20',
			'PRE-CONF'
		]);
		expect(await count(sql`select count(*)::int as n from bulk_payment_stage`)).toBe(0);
		expect(
			await count(sql`select count(*)::int as n from bulk_load where evaluated_at is not null`)
		).toBe(1);
		// The closed year's rules ran as of its end; what is on record (the overdue finding) as of now.
		expect(await overdueCases()).toEqual(['open']);
	}
});
