/**
 * The single-payment trickle of the ingest benchmark: a source that sends its payments one by one
 * (one-payment batches, the next sent when the last is acknowledged) to an app server whose
 * database already holds a year of `payments` payments (the dashboards benchmark's city, seeded
 * inside the database by seedBenchData, with its plan lines and rollup). Figure: the app server's
 * CPU per batch (its process, all threads: on PGlite that includes the database), and the ack
 * round trip. The trickle's payments are dated today, in the seeded (current) fiscal year, spread
 * over the city's departments, so every batch is judged by the alert rules as in production.
 *
 * A seeded database can be kept (`keep`) and used again by the next run of the same size.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import postgres from 'postgres';
import { openDatabase, rows } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import type {
	IngestAnswer,
	IngestClientToServer,
	IngestServerToClient
} from '../../src/lib/ingest/events';
import { buildCity, seedBenchData } from './dashboards-data';
import { sampleCpu } from './cpu';
import { startBenchServer, type Target } from './ingest-target';

export interface TrickleResult {
	/** Payments in the database before the trickle. */
	tableSize: number;
	batches: number;
	/** App server CPU per one-payment batch, ms. */
	cpuPerBatchMs: number;
	/** Ack round trips, ms. */
	roundTrips: number[];
}

export interface TrickleTarget {
	target: Target;
	/** Drops the database unless it is kept for the next run. */
	release(): Promise<void>;
}

/** The fiscal year of today in Shanghai, the year the trickle's payments fall in. */
export const currentFiscalYear = () =>
	Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);

/**
 * A database holding `payments` payments of the current fiscal year (and its rollup and plan
 * lines): a kept one of that size if there is one, else a fresh one seeded now.
 */
export async function openSeededTarget(
	name: Target['name'],
	payments: number,
	places: { pgUrl?: string; dir: string; keep: boolean },
	log: (m: string) => void
): Promise<TrickleTarget> {
	const year = currentFiscalYear();
	const dbName = `qd_trickle_${year}_${payments}`;
	let target: Target;
	let database;
	if (name === 'postgres') {
		const admin = postgres(places.pgUrl!, { max: 1, onnotice: () => {} });
		const [found] = await admin`select 1 from pg_database where datname = ${dbName}`;
		if (!found) await admin.unsafe(`create database ${dbName}`);
		await admin.end();
		const url = new URL(places.pgUrl!);
		url.pathname = `/${dbName}`;
		const drop = async () => {
			const a = postgres(places.pgUrl!, { max: 1, onnotice: () => {} });
			await a.unsafe(`drop database if exists ${dbName} with (force)`);
			await a.end();
		};
		target = { name, env: { DATABASE_URL: url.toString() }, drop };
		database = await openDatabase({ url: url.toString(), max: 2 });
	} else {
		const dataDir = join(places.dir, dbName);
		mkdirSync(dataDir, { recursive: true });
		target = {
			name,
			env: { DATA_DIR: dataDir, DATABASE_URL: '' },
			drop: async () => {
				const { rmSync } = await import('node:fs');
				rmSync(dataDir, { recursive: true, force: true });
			}
		};
		database = await openDatabase({ dataDir });
	}
	try {
		const seeded = await seededPayments(database.db);
		if (seeded >= payments && seeded < payments + 100_000)
			log(`${name}: using the kept database of ${seeded.toLocaleString('en-US')} payments`);
		else {
			await migrateDatabase(database);
			await seedReferenceCodes(database);
			const t = performance.now();
			await seedBenchData(database, { year, payments, lastYearPayments: 0 }, (m) =>
				log(`${name}: ${m}`)
			);
			log(`${name}: seeded in ${Math.round((performance.now() - t) / 1000)} s`);
		}
	} finally {
		await database.close();
	}
	return { target, release: () => (places.keep ? Promise.resolve() : target.drop()) };
}

async function seededPayments(ex: Parameters<typeof rows>[0]): Promise<number> {
	try {
		const [r] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from payment`);
		return r.n;
	} catch {
		return 0; // not migrated yet
	}
}

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

/**
 * Sends `batches` one-payment batches one after another (after `warm` unmeasured ones) to an app
 * server on the target; `serverDir` runs another checkout's server (the code before a change).
 */
export async function runTrickle(
	target: Target,
	options: {
		batches: number;
		warm: number;
		tableSize: number;
		key: string;
		label: string;
		serverDir?: string;
	}
): Promise<TrickleResult> {
	const server = await startBenchServer(target, { INGEST_KEYS: options.key }, options.serverDir);
	const socket: IngestSocket = io(`${server.url}/ingest`, {
		auth: { key: options.key },
		transports: ['websocket']
	});
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
		const city = buildCity({ year: currentFiscalYear(), payments: 0, lastYearPayments: 0 });
		const send = async (n: number) => {
			const combo = city.combos[(n * 7919) % city.combos.length];
			// Paid a little earlier today: in the current fiscal year, never after the server's clock.
			const paidAt = new Date(Date.now() - 60_000).toISOString();
			const started = performance.now();
			const ack: IngestAnswer = await socket.timeout(60_000).emitWithAck('batch', {
				batchId: `trickle-${options.label}-${n}`,
				kind: 'payment',
				records: [
					{
						id: `TRICKLE-${options.label}-${n}`,
						paidAt,
						deptCode: combo.dept,
						agencyCode: combo.agency,
						funcCode: combo.func,
						econCode: combo.econ,
						projectCode: combo.project || undefined,
						amount: `${1000 + ((n * 37) % 9000)}.00`,
						payType: 'authorized',
						payee: '基准收款单位1',
						payeeKind: 'org',
						purpose: '基准用途'
					}
				]
			});
			if ('error' in ack || ack.accepted !== 1)
				throw new Error(`trickle payment ${n}: ${JSON.stringify(ack)}`);
			return performance.now() - started;
		};
		for (let n = 0; n < options.warm; n++) await send(n);
		const cpu0 = sampleCpu(server.child.pid);
		const roundTrips: number[] = [];
		for (let n = 0; n < options.batches; n++) roundTrips.push(await send(options.warm + n));
		const cpu1 = sampleCpu(server.child.pid);
		if (!cpu0 || !cpu1) throw new Error('no /proc: the trickle measures server CPU from it');
		return {
			tableSize: options.tableSize,
			batches: options.batches,
			cpuPerBatchMs: (cpu1.server - cpu0.server) / 1000 / options.batches,
			roundTrips
		};
	} finally {
		socket.close();
		await server.stop();
	}
}

/** Where kept trickle databases of PGlite live between runs. */
export function trickleDir(base: string): string {
	if (!existsSync(base)) mkdirSync(base, { recursive: true });
	return base;
}
