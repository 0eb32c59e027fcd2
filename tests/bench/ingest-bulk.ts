/**
 * The ingest bench's bulk year: a year file loaded by the worker's `--bulk` (runOnce with bulk:
 * stage by COPY, one commit, the rules once) on a fresh database, timed end to end (worker parse,
 * outbox, staging, commit, rules), next to a raw COPY of the same file into a bare table in the same
 * run, on the same database server (PostgreSQL), or the same PGlite folder after the server stopped.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/client';
import { sql } from 'drizzle-orm';
import { rows as rowsOf } from '../../db/client';
import { copyInto, copyLine } from '../../db/copy';
import { runOnce } from '../../server/ingest/worker';
import { DEFAULT_FISCAL_TZ } from '../../src/lib/domain/fiscal';
import {
	BARE_COLUMNS,
	bareRow,
	copyCeiling,
	paymentCopyFloor,
	verifyCommitted
} from './ingest-ceilings';
import { readRecords } from './ingest-data';
import type { BenchServer, Target } from './ingest-target';
import { cpuPerPayment, sampleCpu } from './cpu';

export interface BulkRun {
	rows: number;
	seconds: number;
	copySeconds: number;
	/** PostgreSQL: the same COPY into a table with the payment table's key and indexes. */
	indexedCopySeconds?: number;
	/** PostgreSQL: the same rows COPYed into the real payment table (ingest-ceilings.ts paymentCopyFloor). */
	paymentCopySeconds?: number;
	cpu: string;
	check: string;
}

/** Loads `file` (`rows` payments) in bulk through the worker, then COPYs it raw into a bare table. */
export async function bulkYearRun(
	target: Target,
	startServer: (target: Target) => Promise<BenchServer>,
	places: { file: string; rows: number; tmp: string; key: string; batch: number; window: number }
): Promise<BulkRun> {
	const { file, rows, tmp } = places;
	const drop = join(tmp, `drop-bulk-${target.name}`);
	mkdirSync(drop, { recursive: true });
	copyFileSync(file, join(drop, 'payments.ndjson'));
	const server = await startServer(target);
	let seconds: number;
	let cpu: string;
	try {
		const cpu0 = sampleCpu(server.child.pid);
		const t0 = performance.now();
		const out = await runOnce({
			url: server.url,
			key: places.key,
			dir: drop,
			bulk: true,
			batchSize: places.batch,
			window: places.window,
			kind: 'payment',
			log: () => {}
		});
		seconds = (performance.now() - t0) / 1000;
		cpu = cpuPerPayment(cpu0, sampleCpu(server.child.pid), rows, 'worker');
		if (out.accepted !== rows || out.done !== 1)
			throw new Error(
				`bulk: ${out.accepted} stored of ${rows} (${out.rejected} rejected, ${out.duplicates} duplicates)`
			);
	} finally {
		await server.stop();
		rmSync(drop, { recursive: true, force: true });
	}
	if (target.sql) {
		const check = await verifyCommitted(target.sql, rows);
		const copy = await copyCeiling(target.sql, file, rows);
		const indexed = await copyCeiling(target.sql, file, rows, true);
		const payment = await paymentCopyFloor(
			target.sql,
			file,
			rows,
			process.env.FISCAL_TZ || DEFAULT_FISCAL_TZ
		);
		return {
			rows,
			seconds,
			copySeconds: rows / copy,
			indexedCopySeconds: rows / indexed,
			paymentCopySeconds: rows / payment,
			cpu,
			check
		};
	}
	const copySeconds = await pgliteCopy(target.env.DATA_DIR, file, rows);
	return { rows, seconds, copySeconds, cpu, check: 'PGlite (counts checked by the worker)' };
}

/** Raw COPY of the same rows into a bare table of the PGlite folder the load went into, in 1 MiB pieces in one transaction. */
async function pgliteCopy(dataDir: string, file: string, rows: number): Promise<number> {
	const database = await openDatabase({ dataDir });
	try {
		await database.db
			.execute(sql`create table bench_bare (id text, paid_at timestamptz, budget_kind text,
			dept_code text, agency_code text, func_code text, econ_code text, project_code text,
			amount numeric(20,2), pay_type text, payee text, payee_kind text, purpose text)`);
		const t0 = performance.now();
		await database.db.transaction(async (tx) => {
			let chunk = '';
			for await (const p of readRecords(file)) {
				chunk += copyLine(bareRow(p));
				if (chunk.length > 1 << 20) {
					await copyInto(tx, 'bench_bare', BARE_COLUMNS, chunk);
					chunk = '';
				}
			}
			await copyInto(tx, 'bench_bare', BARE_COLUMNS, chunk);
		});
		const seconds = (performance.now() - t0) / 1000;
		const [{ n }] = await rowsOf<{ n: number }>(
			database.db,
			sql`select count(*)::int as n from bench_bare`
		);
		if (n !== rows) throw new Error(`COPY stored ${n} of ${rows}`);
		return seconds;
	} finally {
		await database.close();
	}
}
