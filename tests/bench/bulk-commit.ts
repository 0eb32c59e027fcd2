/**
 * The bulk commit alone, on one staged load (not in `npm test`): stages N payments of the ingest
 * bench's city once into a scratch PostgreSQL database (the file written by ingest-data.ts, staged
 * by stageBulkBatch directly, without the worker or sockets) and keeps it; then runs the commit
 * (bulk-commit.ts commitInTransaction) `--runs` times, each in a transaction rolled back, printing
 * its wall time, the PostgreSQL backend's CPU (from /proc, so the database must run on this
 * machine) and the commit's own log of its phases. As in production on PostgreSQL, the rollup's
 * rows are computed aside on another connection (bulk-rollup-aside.ts) while the transaction
 * inserts the payments; `--inline` computes them in the transaction instead (as on PGlite). The CPU
 * printed is every backend of the database's. Pass the kept database's URL with `--db` to commit
 * the same load again (the code before and after a change, in turn); drop it when done.
 *
 *   TEST_DATABASE_URL=postgres://… npx tsx tests/bench/bulk-commit.ts [--rows 1000000] [--runs 1] [--inline] [--db URL]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, rows, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { commitInTransaction } from '../../src/lib/server/ingest/bulk-commit';
import { stagedPayments } from '../../src/lib/server/ingest/bulk-insert';
import { computeRollupAside } from '../../src/lib/server/ingest/bulk-rollup-aside';
import { stageBulkBatch } from '../../src/lib/server/ingest/bulk-stage';
import { createScratchDatabase } from '../support/databases';
import { seedBenchReference } from './dashboards-data';
import { readRecords, writePaymentsFile } from './ingest-data';

const { values: args } = parseArgs({
	options: {
		db: { type: 'string' },
		rows: { type: 'string', default: '1000000' },
		runs: { type: 'string', default: '1' },
		inline: { type: 'boolean', default: false }
	}
});
const YEAR = new Date().getFullYear() - 1;
const ROWS = Number(args.rows);
const TZ = 'Asia/Shanghai';
const LOAD = 'bench-commit';

/** A scratch database with the bench city and ROWS payments staged as one load; returns its URL. */
async function stagedDatabase(): Promise<string> {
	const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!);
	const database = await openDatabase({ url: scratch.url });
	const dir = mkdtempSync(join(tmpdir(), 'qiandai-bench-commit-'));
	try {
		await migrateDatabase(database);
		await seedBenchReference(database.db, YEAR, ROWS);
		const file = join(dir, 'payments.ndjson');
		await writePaymentsFile(file, ROWS, 3, YEAR);
		const t0 = performance.now();
		let batch: unknown[] = [];
		let part = 0;
		const stage = async () => {
			part++;
			const body = {
				batchId: `${LOAD}-${part}`,
				kind: 'payment',
				records: batch,
				load: LOAD,
				part
			};
			const out = await stageBulkBatch(database, body, { source: 'bench', tz: TZ });
			if (!out.ok) throw new Error(JSON.stringify(out.error));
			batch = [];
		};
		for await (const r of readRecords(file)) {
			batch.push(r);
			if (batch.length === 10_000) await stage();
		}
		if (batch.length > 0) await stage();
		const seconds = (performance.now() - t0) / 1000;
		console.log(`staged ${ROWS} payments in ${part} batches in ${seconds.toFixed(1)} s`);
		return scratch.url;
	} finally {
		await database.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The CPU seconds so far of every backend of the database (a backend gone since counts its last reading). */
async function backendsCpu(database: Database, seen: Map<number, number>): Promise<number> {
	const backends = await rows<{ pid: number }>(
		database.db,
		sql`select pid from pg_stat_activity where datname = current_database()`
	);
	for (const { pid } of backends) {
		try {
			const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			seen.set(pid, (Number(f[11]) + Number(f[12])) / 100);
		} catch {
			// gone meanwhile: its last reading stands
		}
	}
	return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** The commit in a transaction rolled back: wall time, backends' CPU, and what it left before rollback. */
async function commitOnce(database: Database, parts: number): Promise<void> {
	const before = new Map<number, number>();
	await backendsCpu(database, before);
	const t0 = performance.now();
	const rollback = new Error('rolled back');
	const aside = args.inline ? undefined : computeRollupAside(database.db, stagedPayments(LOAD, TZ));
	await database.db
		.transaction(async (tx) => {
			const out = await commitInTransaction(tx, LOAD, parts, {
				source: 'bench',
				tz: TZ,
				workMem: '256MB',
				aside: aside?.done
			});
			const [c] = await rows(
				tx,
				sql`select (select count(*) from payment)::int as payments,
					(select count(*) from execution_rollup)::int as rollup_rows,
					(select sum(amount)::text from payment) as sum,
					(select sum(amount)::text from execution_rollup where level = 'city' and grain = 'm') as rollup_sum`
			);
			const seconds = (performance.now() - t0) / 1000;
			const after = new Map(before);
			const cpu =
				(await backendsCpu(database, after)) - [...before.values()].reduce((a, b) => a + b, 0);
			console.log(
				`commit ${seconds.toFixed(1)} s, backends' CPU ${cpu.toFixed(1)} s (${args.inline ? 'rollup computed inline' : 'rollup computed aside'}): stored ${out.result.accepted}; ${JSON.stringify(c)}`
			);
			throw rollback;
		})
		.catch((err: unknown) => {
			if (err !== rollback) throw err;
		});
	await aside?.drop();
}

const url = args.db ?? (await stagedDatabase());
const database = await openDatabase({ url });
try {
	const [{ parts }] = await rows<{ parts: number }>(
		database.db,
		sql`select count(*)::int as parts from bulk_batch where load_id = ${LOAD}`
	);
	for (let run = 0; run < Number(args.runs); run++) await commitOnce(database, parts);
	console.log(`kept ${url} (drop database … with (force) when done)`);
} finally {
	await database.close();
}
