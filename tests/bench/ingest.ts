/**
 * Ingest benchmark (`npm run bench:ingest`): sustained payments per second from a file, through a
 * sender that speaks the worker's protocol (Socket.IO /ingest, acks, a window of batches in flight),
 * to committed rows with their rollups and live events, on PostgreSQL and on PGlite; next to it, in
 * the same run and on the same rows, the ceiling of raw PostgreSQL `COPY` and 1,000-row multi-row
 * `INSERT` into a bare table; then the same file through the worker itself (runOnce) on a fresh
 * database. Then a full fiscal year (5,000,000 payments by default) loaded the same way; then a
 * year loaded in bulk by the worker's `--bulk` (stage, one commit, rules once; ingest-bulk.ts) and
 * its ratio to a raw COPY of the same file in the same run. The bench server seeds the bench city's
 * units and plan lines first, so the alert rules judge as in production.
 *
 * First, the single-payment trickle (ingest-trickle.ts): app-server CPU per one-payment batch at an
 * empty database (the baseline) and at a database of --trickle-size payments; with
 * --trickle-baseline DIR, also the server of another checkout (the code before a change) on the
 * same database, the two runs in turn (A/B). --keep-trickle keeps the seeded database for the next run.
 *
 *   npm run bench:ingest -- [--sustained 300000] [--rows 5000000] [--batch 5000] [--inflight 2]
 *                           [--only postgres|pglite] [--no-full-year]
 *                           [--trickle-size 5000000] [--trickle-batches 300] [--trickle-only]
 *                           [--no-trickle] [--trickle-baseline DIR] [--keep-trickle]
 *                           [--bulk-rows N] [--no-bulk] [--bulk-only]
 *
 * PostgreSQL comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database per target,
 * dropped after). The server runs in its own process (tests/bench/ingest-server.ts), as in production.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE, DEFAULT_WINDOW, runOnce } from '../../server/ingest/worker';
import { DEFAULT_FISCAL_TZ } from '../../src/lib/domain/fiscal';
import { writePaymentsFile } from './ingest-data';
import { copyCeiling, insertCeiling, paymentCopyFloor, verifyCommitted } from './ingest-ceilings';
import { firstRecord, liveFeed, sendFileLikeTheWorker } from './ingest-senders';
import { openScratchTarget, startBenchServer, type Target } from './ingest-target';
import { cpuPerPayment, sampleCpu } from './cpu';
import { benchTrickle } from './ingest-trickle-report';
import { bulkYearRun } from './ingest-bulk';

const { values: args } = parseArgs({
	options: {
		sustained: { type: 'string', default: '300000' },
		rows: { type: 'string', default: '5000000' },
		batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
		inflight: { type: 'string', default: String(DEFAULT_WINDOW) },
		only: { type: 'string' },
		'no-full-year': { type: 'boolean', default: false },
		'trickle-size': { type: 'string', default: '5000000' },
		'trickle-batches': { type: 'string', default: '300' },
		'trickle-only': { type: 'boolean', default: false },
		'no-trickle': { type: 'boolean', default: false },
		'trickle-baseline': { type: 'string' },
		'keep-trickle': { type: 'boolean', default: false },
		'bulk-rows': { type: 'string' },
		'no-bulk': { type: 'boolean', default: false },
		'bulk-only': { type: 'boolean', default: false }
	}
});
const SUSTAINED = Number(args.sustained);
const FULL_YEAR = Number(args.rows);
const BULK_YEAR = Number(args['bulk-rows'] ?? args.rows);
const BATCH = Number(args.batch);
const INFLIGHT = Number(args.inflight);
// A whole past year: the server refuses payments dated after its clock.
const YEAR = new Date().getFullYear() - 1;
const KEY = 'bench-ingest-key-0123456789';
/** A second source: the live feed, about one payment a second while the file loads. */
const LIVE_KEY = 'bench-live-key-0123456789';
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const log = (m: string) => console.log(`[bench] ${m}`);
const tmp = mkdtempSync(join(tmpdir(), 'qiandai-bench-ingest-'));
const openTarget = (name: Target['name']) => openScratchTarget(name, { pgUrl: PG_URL, tmp });
const startServer = (target: Target) =>
	startBenchServer(target, {
		INGEST_KEYS: `${KEY},${LIVE_KEY}`,
		BENCH_CITY_YEAR: String(YEAR),
		BENCH_CITY_PAYMENTS: String(FULL_YEAR)
	});

// ---------------------------------------------------------------------------------------------
// Measurements.

interface IngestRun {
	rows: number;
	seconds: number;
	perSecond: number;
	batchP50: number;
	batchP99: number;
	/** Ack round trips (ms) of the live source's one-payment batches sent while the file loaded. */
	live: number[];
	/** Who spent how much CPU a payment (cpu.ts). */
	cpu: string;
}

const pct = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};

async function ingestRun(
	target: Target,
	file: string,
	rows: number,
	label: string
): Promise<IngestRun> {
	const server = await startServer(target);
	try {
		const template = await firstRecord(file);
		const cpu0 = sampleCpu(server.child.pid);
		const t0 = performance.now();
		const live = liveFeed(server.url, LIVE_KEY, label, template);
		const out = await sendFileLikeTheWorker(server.url, KEY, file, {
			batch: BATCH,
			inflight: INFLIGHT,
			prefix: `${label}-${Date.now()}`
		});
		const seconds = (performance.now() - t0) / 1000;
		const cpu = cpuPerPayment(cpu0, sampleCpu(server.child.pid), rows, 'sender');
		const liveLatencies = await live.stop();
		if (out.accepted !== rows)
			throw new Error(
				`${label}: ${out.accepted} accepted of ${rows} (${out.rejected} rejected, ${out.duplicates} duplicates)`
			);
		return {
			rows,
			seconds,
			perSecond: rows / seconds,
			batchP50: pct(out.latencies, 0.5),
			batchP99: pct(out.latencies, 0.99),
			live: liveLatencies,
			cpu
		};
	} finally {
		await server.stop();
	}
}

/**
 * The same file through the worker itself (runOnce: parse, fsynced outbox, journal of acks, file
 * moved to done/), on a fresh database: what a drop folder sees end to end.
 */
async function workerRun(
	target: Target,
	file: string,
	rows: number,
	label: string
): Promise<IngestRun> {
	const server = await startServer(target);
	const drop = join(tmp, `drop-${label}`);
	mkdirSync(drop, { recursive: true });
	const copy = join(drop, 'payments.ndjson');
	copyFileSync(file, copy);
	try {
		const cpu0 = sampleCpu(server.child.pid);
		const t0 = performance.now();
		const out = await runOnce({
			url: server.url,
			key: KEY,
			file: copy,
			batchSize: BATCH,
			window: INFLIGHT,
			kind: 'payment',
			log: () => {}
		});
		const seconds = (performance.now() - t0) / 1000;
		const cpu = cpuPerPayment(cpu0, sampleCpu(server.child.pid), rows, 'worker');
		if (out.accepted !== rows)
			throw new Error(
				`${label}: the worker got ${out.accepted} accepted of ${rows} (${out.rejected} rejected, ${out.duplicates} duplicates)`
			);
		return {
			rows,
			seconds,
			perSecond: rows / seconds,
			batchP50: NaN,
			batchP99: NaN,
			live: [],
			cpu
		};
	} finally {
		await server.stop();
		rmSync(drop, { recursive: true, force: true });
	}
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------

const targets = (['postgres', 'pglite'] as const).filter((t) => !args.only || args.only === t);
if (targets.includes('postgres') && !PG_URL)
	throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
log(
	`machine: ${cpus().length} cores, load ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}; batches of ${BATCH}, ${INFLIGHT} in flight`
);

const results: string[] = [];
if (!args['no-trickle'] && !args['bulk-only'])
	for (const name of targets)
		results.push(
			await benchTrickle(name, {
				size: Number(args['trickle-size']),
				batches: Number(args['trickle-batches']),
				baselineDir: args['trickle-baseline'],
				keep: args['keep-trickle'],
				pgUrl: PG_URL,
				tmp,
				log
			})
		);
if (args['trickle-only']) {
	console.log(`\n== ingest benchmark: trickle ==\n${results.join('\n')}`);
	rmSync(tmp, { recursive: true, force: true });
	process.exit(0);
}

const sustainedFile = join(tmp, 'sustained.ndjson');
if (!args['bulk-only']) {
	await writePaymentsFile(sustainedFile, SUSTAINED, 1, YEAR, 5_000_000);
	log(`wrote ${fmt(SUSTAINED)} payments to ${sustainedFile}`);
}
for (const name of args['bulk-only'] ? [] : targets) {
	const target = await openTarget(name);
	try {
		const run = await ingestRun(target, sustainedFile, SUSTAINED, `${name}-sustained`);
		let line = `${name}: ${fmt(run.perSecond)} payments/s sustained (${fmt(run.rows)} in ${run.seconds.toFixed(1)} s; batch round trip p50 ${run.batchP50.toFixed(0)} ms, p99 ${run.batchP99.toFixed(0)} ms)`;
		line += `\n  live feed meanwhile (another source, about one payment a second): ${run.live.length} acked, round trip p50 ${pct(run.live, 0.5).toFixed(0)} ms, max ${Math.max(...run.live).toFixed(0)} ms`;
		line += `\n  ${run.cpu}`;
		if (target.sql) {
			log(`postgres: ${await verifyCommitted(target.sql, SUSTAINED + run.live.length)}`);
			const copy = await copyCeiling(target.sql, sustainedFile, SUSTAINED);
			const insert = await insertCeiling(target.sql, sustainedFile, SUSTAINED);
			line += `\n  raw COPY into a bare table: ${fmt(copy)} rows/s → ingest is ${((100 * run.perSecond) / copy).toFixed(1)} % of COPY`;
			line += `\n  raw 1,000-row INSERT into a bare table: ${fmt(insert)} rows/s → ingest is ${((100 * run.perSecond) / insert).toFixed(1)} % of INSERT`;
			// Last: it empties the payment table. What no design storing into `payment` can beat.
			const floor = await paymentCopyFloor(
				target.sql,
				sustainedFile,
				SUSTAINED,
				process.env.FISCAL_TZ || DEFAULT_FISCAL_TZ
			);
			line += `\n  the same rows in one COPY into the payment table itself (its key, indexes, trigger; no rollup, no rules): ${fmt(floor)} rows/s, ${((100 * floor) / copy).toFixed(1)} % of the bare COPY → ingest is ${((100 * run.perSecond) / floor).toFixed(1)} % of this floor`;
		}
		log(line);
		results.push(line);
	} finally {
		await target.drop();
	}
	const fresh = await openTarget(name);
	try {
		const run = await workerRun(fresh, sustainedFile, SUSTAINED, `${name}-worker`);
		const line = `${name}: ${fmt(run.perSecond)} payments/s through the worker itself (runOnce: outbox, journal, done/; ${fmt(run.rows)} in ${run.seconds.toFixed(1)} s)\n  ${run.cpu}`;
		log(line);
		results.push(line);
	} finally {
		await fresh.drop();
	}
}

if (!args['no-full-year'] && !args['bulk-only']) {
	const fullFile = join(tmp, 'full-year.ndjson');
	await writePaymentsFile(fullFile, FULL_YEAR, 2, YEAR);
	log(`wrote ${fmt(FULL_YEAR)} payments (a full fiscal year) to ${fullFile}`);
	for (const name of targets) {
		const target = await openTarget(name);
		try {
			const run = await ingestRun(target, fullFile, FULL_YEAR, `${name}-year`);
			if (target.sql)
				log(`postgres: ${await verifyCommitted(target.sql, FULL_YEAR + run.live.length)}`);
			const line = `${name}: full year of ${fmt(FULL_YEAR)} payments loaded in ${run.seconds.toFixed(1)} s (${fmt(run.perSecond)}/s; batch p99 ${run.batchP99.toFixed(0)} ms)\n  ${run.cpu}`;
			log(line);
			results.push(line);
		} finally {
			await target.drop();
		}
	}
	rmSync(fullFile, { force: true });
}

if (!args['no-bulk']) {
	const bulkFile = join(tmp, 'bulk-year.ndjson');
	await writePaymentsFile(bulkFile, BULK_YEAR, 3, YEAR);
	log(`wrote ${fmt(BULK_YEAR)} payments (a closed year for --bulk) to ${bulkFile}`);
	for (const name of targets) {
		const target = await openTarget(name);
		try {
			const run = await bulkYearRun(target, startServer, {
				file: bulkFile,
				rows: BULK_YEAR,
				tmp,
				key: KEY,
				batch: BATCH,
				window: INFLIGHT
			});
			const ratio = run.seconds / run.copySeconds;
			const line = `${name}: a year of ${fmt(BULK_YEAR)} payments in bulk (worker --bulk: parse, stage, one commit, rules once) in ${run.seconds.toFixed(1)} s (${fmt(BULK_YEAR / run.seconds)}/s)\n  raw COPY of the same file into a bare table: ${run.copySeconds.toFixed(1)} s → bulk is ${ratio.toFixed(2)}× COPY (goal ≤ 2×)${run.indexedCopySeconds ? `\n  the same COPY into a table with the payment table's key and indexes: ${run.indexedCopySeconds.toFixed(1)} s (${(run.indexedCopySeconds / run.copySeconds).toFixed(2)}× the bare COPY) → bulk is ${(run.seconds / run.indexedCopySeconds).toFixed(2)}× it` : ''}${run.paymentCopySeconds ? `\n  the same rows COPYed into the payment table itself (its key, indexes, trigger; fiscal date and hash computed by the bench): ${run.paymentCopySeconds.toFixed(1)} s (${(run.paymentCopySeconds / run.copySeconds).toFixed(2)}× the bare COPY) → bulk is ${(run.seconds / run.paymentCopySeconds).toFixed(2)}× this floor` : ''}\n  ${run.check}\n  ${run.cpu}`;
			log(line);
			results.push(line);
		} finally {
			await target.drop();
		}
	}
	rmSync(bulkFile, { force: true });
}

console.log(
	`\n== ingest benchmark (load after: ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}) ==\n${results.join('\n')}`
);
rmSync(tmp, { recursive: true, force: true });
