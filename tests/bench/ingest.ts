/**
 * Ingest benchmark (`npm run bench:ingest`): sustained payments per second from a file, through a
 * sender that speaks the worker's protocol (Socket.IO /ingest, acks, a window of batches in flight),
 * to committed rows with their rollups and live events, on PostgreSQL and on PGlite; next to it, in
 * the same run and on the same rows, the ceiling of raw PostgreSQL `COPY` and 1,000-row multi-row
 * `INSERT` into a bare table; then the same file through the worker itself (runOnce) on a fresh
 * database. Then a full fiscal year (5,000,000 payments by default) loaded the same way. The bench
 * server seeds the bench city's units and plan lines first, so the alert rules judge as in production.
 *
 *   npm run bench:ingest -- [--sustained 300000] [--rows 5000000] [--batch 5000] [--inflight 2]
 *                           [--only postgres|pglite] [--no-full-year]
 *
 * PostgreSQL comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database per target,
 * dropped after). The server runs in its own process (tests/bench/ingest-server.ts), as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import type { IngestAck, IngestError } from '../../src/lib/domain/records';
import { DEFAULT_BATCH_SIZE, DEFAULT_WINDOW, runOnce } from '../../server/ingest/worker';
import { createScratchDatabase } from '../support/databases';
import { readRecords, writePaymentsFile } from './ingest-data';
import { cpuPerPayment, sampleCpu } from './cpu';

const { values: args } = parseArgs({
	options: {
		sustained: { type: 'string', default: '300000' },
		rows: { type: 'string', default: '5000000' },
		batch: { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
		inflight: { type: 'string', default: String(DEFAULT_WINDOW) },
		only: { type: 'string' },
		'no-full-year': { type: 'boolean', default: false }
	}
});
const SUSTAINED = Number(args.sustained);
const FULL_YEAR = Number(args.rows);
const BATCH = Number(args.batch);
const INFLIGHT = Number(args.inflight);
const YEAR = 2026;
const KEY = 'bench-ingest-key-0123456789';
/** A second source: the live feed, about one payment a second while the file loads. */
const LIVE_KEY = 'bench-live-key-0123456789';
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const log = (m: string) => console.log(`[bench] ${m}`);
const tmp = mkdtempSync(join(tmpdir(), 'qiandai-bench-ingest-'));

// ---------------------------------------------------------------------------------------------
// The sender speaks the worker's protocol (server/ingest/sender.ts): the same events, acks and window
// of batches in flight. It reads the records from memory rather than through the worker's fsynced
// outbox and journal (runOnce in server/ingest/worker.ts), so the figure is the server's throughput,
// not this machine's disk; the worker's own reliability is what tests/e2e/ingest-worker-* test.
const sendFile = sendFileLikeTheWorker;

interface SendOutcome {
	accepted: number;
	duplicates: number;
	rejected: number;
	batches: number;
	/** Per-batch round trip, send to ack, ms. */
	latencies: number[];
}

async function sendFileLikeTheWorker(
	url: string,
	key: string,
	file: string,
	opts: { batch: number; inflight: number; prefix: string }
): Promise<SendOutcome> {
	const socket: Socket = io(`${url}/ingest`, { auth: { key }, transports: ['websocket'] });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	const outcome: SendOutcome = {
		accepted: 0,
		duplicates: 0,
		rejected: 0,
		batches: 0,
		latencies: []
	};
	const pending = new Set<Promise<void>>();
	const send = (records: unknown[], n: number) => {
		const started = performance.now();
		const p = new Promise<void>((resolve, reject) => {
			socket
				.timeout(120_000)
				.emit(
					'batch',
					{ batchId: `${opts.prefix}-${n}`, kind: 'payment', records },
					(err: Error | null, ack: IngestAck | IngestError) => {
						if (err) return reject(err);
						if ('error' in ack) return reject(new Error(`batch ${ack.batchId}: ${ack.error}`));
						outcome.accepted += ack.accepted;
						outcome.duplicates += ack.duplicates;
						outcome.rejected += ack.rejected.length;
						outcome.batches++;
						outcome.latencies.push(performance.now() - started);
						resolve();
					}
				);
		}).finally(() => pending.delete(p));
		pending.add(p);
		return p;
	};
	let records: unknown[] = [];
	let n = 0;
	for await (const record of readRecords(file)) {
		records.push(record);
		if (records.length === opts.batch) {
			void send(records, n++);
			records = [];
			while (pending.size >= opts.inflight) await Promise.race(pending);
		}
	}
	if (records.length > 0) void send(records, n);
	await Promise.all(pending);
	socket.close();
	return outcome;
}

// ---------------------------------------------------------------------------------------------
// The app server in its own process.

interface Target {
	name: 'postgres' | 'pglite';
	env: Record<string, string>;
	/** A postgres.js connection to the same database (PostgreSQL only), for checks and ceilings. */
	sql?: postgres.Sql;
	drop(): Promise<void>;
}

async function openTarget(name: Target['name']): Promise<Target> {
	if (name === 'postgres') {
		const scratch = await createScratchDatabase(PG_URL!);
		const sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
		return {
			name,
			env: { DATABASE_URL: scratch.url },
			sql,
			drop: async () => {
				await sql.end();
				await scratch.drop();
			}
		};
	}
	const dataDir = mkdtempSync(join(tmp, 'pglite-'));
	return {
		name,
		env: { DATA_DIR: dataDir, DATABASE_URL: '' },
		drop: async () => rmSync(dataDir, { recursive: true, force: true })
	};
}

async function startServer(
	target: Target
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
	// BENCH_PROFILE_DIR=dir: the server writes a V8 CPU profile there (node --cpu-prof) when it exits.
	const profile = process.env.BENCH_PROFILE_DIR
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
		: [];
	const child = spawn(
		process.execPath,
		[...profile, '--import', 'tsx', 'tests/bench/ingest-server.ts'],
		{
			cwd: new URL('../..', import.meta.url).pathname,
			env: {
				...process.env,
				INGEST_KEYS: `${KEY},${LIVE_KEY}`,
				REDIS_URL: '',
				BENCH_CITY_YEAR: String(YEAR),
				BENCH_CITY_PAYMENTS: String(FULL_YEAR),
				...target.env
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	let output = '';
	let shown = 0;
	const port = await new Promise<number>((resolve, reject) => {
		child.stdout!.on('data', (d: Buffer) => {
			output += d;
			// The server's own log lines (a year read again by the alert rules, a month sealed) are part of the story.
			const end = output.lastIndexOf('\n') + 1;
			for (const line of output.slice(shown, end).split('\n'))
				if (line.startsWith('[qiandai]')) process.stderr.write(`[bench server] ${line}\n`);
			shown = end;
			const m = /listening (\d+)/.exec(output);
			if (m) resolve(Number(m[1]));
		});
		child.once('exit', (code) => reject(new Error(`bench server exited with ${code}: ${output}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		child,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		}
	};
}

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
		const live = liveFeed(server.url, label, template);
		const out = await sendFile(server.url, KEY, file, {
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

async function firstRecord(file: string): Promise<Record<string, unknown>> {
	const records = readRecords(file);
	const { value } = await records.next();
	await records.return(undefined);
	return value as Record<string, unknown>;
}

/**
 * The live feed beside a bulk load: another source sends about one payment a second (the next 0.5–1.5 s
 * after the last is acknowledged) until stopped; what a wall display waits for while a file loads.
 */
function liveFeed(
	url: string,
	label: string,
	template: Record<string, unknown>
): { stop(): Promise<number[]> } {
	const socket: Socket = io(`${url}/ingest`, {
		auth: { key: LIVE_KEY },
		transports: ['websocket']
	});
	const latencies: number[] = [];
	let running = true;
	const loop = (async () => {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
		for (let n = 0; running; n++) {
			const record = { ...template, id: `LIVE-${label}-${n}`, amount: '1.00' };
			const started = performance.now();
			const ack = (await socket.timeout(120_000).emitWithAck('batch', {
				batchId: `live-${label}-${n}`,
				kind: 'payment',
				records: [record]
			})) as IngestAck | IngestError;
			if ('error' in ack || ack.accepted !== 1)
				throw new Error(`live payment ${n}: ${JSON.stringify(ack)}`);
			latencies.push(performance.now() - started);
			// About one a second, at a random moment: a fixed period would lock onto the writer's cycle and
			// sample one phase of a group's commit only.
			await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			socket.close();
			return latencies;
		}
	};
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

/** What the committed database holds: payments (the file's and the live feed's), the rollup's city total equal to the payments', events. */
async function verifyCommitted(sql: postgres.Sql, rows: number): Promise<string> {
	const [r] = await sql<{ payments: number; sum: string; rollup: string; events: number }[]>`
		select (select count(*) from payment)::int as payments,
			(select coalesce(sum(amount), 0)::text from payment) as sum,
			(select coalesce(sum(amount), 0)::text from execution_rollup where level = 'city' and grain = 'm') as rollup,
			(select count(*) from live_event where topic = 'execution')::int as events`;
	if (r.payments !== rows || r.sum !== r.rollup)
		throw new Error(`committed state is wrong: ${JSON.stringify(r)}`);
	return `${r.payments} payments, sum ${r.sum} 元 = rollup city total, ${r.events} execution events`;
}

const BARE_COLUMNS = [
	'id',
	'paid_at',
	'budget_kind',
	'dept_code',
	'agency_code',
	'func_code',
	'econ_code',
	'project_code',
	'amount',
	'pay_type',
	'payee',
	'payee_kind',
	'purpose'
] as const;

function bareRow(p: Record<string, unknown>): (string | null)[] {
	return [
		p.id as string,
		p.paidAt as string,
		(p.budgetKind as string) ?? 'general',
		p.deptCode as string,
		(p.agencyCode as string) ?? '',
		p.funcCode as string,
		p.econCode as string,
		(p.projectCode as string) ?? '',
		p.amount as string,
		(p.payType as string) ?? null,
		(p.payee as string) ?? null,
		(p.payeeKind as string) ?? null,
		(p.purpose as string) ?? null
	];
}

async function bareTable(sql: postgres.Sql) {
	await sql`drop table if exists bench_bare`;
	await sql`create table bench_bare (id text, paid_at timestamptz, budget_kind text, dept_code text, agency_code text,
		func_code text, econ_code text, project_code text, amount numeric(20,2), pay_type text, payee text, payee_kind text, purpose text)`;
}

/** Raw COPY of the same rows (read from the same file) into a table without indexes. */
async function copyCeiling(sql: postgres.Sql, file: string, rows: number): Promise<number> {
	await bareTable(sql);
	const t0 = performance.now();
	const writable =
		await sql`copy bench_bare (${sql.unsafe(BARE_COLUMNS.join(', '))}) from stdin`.writable();
	const esc = (v: string | null) =>
		v === null
			? '\\N'
			: v.replace(
					/[\\\t\n\r]/g,
					(c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!
				);
	let chunk = '';
	for await (const p of readRecords(file)) {
		chunk += `${bareRow(p).map(esc).join('\t')}\n`;
		if (chunk.length > 1 << 20) {
			if (!writable.write(chunk)) await once(writable, 'drain');
			chunk = '';
		}
	}
	writable.end(chunk);
	await once(writable, 'finish');
	const seconds = (performance.now() - t0) / 1000;
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_bare`;
	if (n !== rows) throw new Error(`COPY stored ${n} of ${rows}`);
	return rows / seconds;
}

/** The same rows in 1,000-row multi-row INSERT statements (postgres.js, one connection). */
async function insertCeiling(sql: postgres.Sql, file: string, rows: number): Promise<number> {
	await bareTable(sql);
	const t0 = performance.now();
	let batch: Record<string, string | null>[] = [];
	const flush = async () => {
		if (batch.length === 0) return;
		await sql`insert into bench_bare ${sql(batch, ...BARE_COLUMNS)}`;
		batch = [];
	};
	for await (const p of readRecords(file)) {
		const values = bareRow(p);
		batch.push(Object.fromEntries(BARE_COLUMNS.map((c, i) => [c, values[i]])));
		if (batch.length === 1000) await flush();
	}
	await flush();
	const seconds = (performance.now() - t0) / 1000;
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_bare`;
	if (n !== rows) throw new Error(`INSERT stored ${n} of ${rows}`);
	await sql`drop table bench_bare`;
	return rows / seconds;
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

const sustainedFile = join(tmp, 'sustained.ndjson');
await writePaymentsFile(sustainedFile, SUSTAINED, 1, YEAR, 5_000_000);
log(`wrote ${fmt(SUSTAINED)} payments to ${sustainedFile}`);

const results: string[] = [];
for (const name of targets) {
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

if (!args['no-full-year']) {
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

console.log(
	`\n== ingest benchmark (load after: ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}) ==\n${results.join('\n')}`
);
rmSync(tmp, { recursive: true, force: true });
