/** Runs the ingest worker (`npm run ingest -- …`) as a child process, and the backends it sends to. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rows } from '../../db/client';
import { createScratchDatabase } from './databases';
import { INGEST_KEY, startServer, type RunningServer } from './server';

export interface RunningWorker {
	process: ChildProcess;
	output(): string;
	/** Resolves when the output matches (how often, with `count`). */
	waitFor(pattern: RegExp, count?: number, timeoutMs?: number): Promise<void>;
	exited: Promise<number | null>;
}

export function startWorker(args: string[], env: Record<string, string>): RunningWorker {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/ingest/cli.ts', ...args], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: { ...process.env, INGEST_KEY, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const listeners = new Set<() => void>();
	const onData = (d: Buffer) => {
		output += d;
		for (const l of [...listeners]) l();
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return {
		process: child,
		output: () => output,
		exited,
		waitFor(pattern, count = 1, timeoutMs = 120_000) {
			const global = new RegExp(
				pattern.source,
				pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`
			);
			return new Promise<void>((resolve, reject) => {
				const check = () => {
					if ((output.match(global)?.length ?? 0) >= count) {
						listeners.delete(check);
						clearTimeout(timer);
						resolve();
					}
				};
				const timer = setTimeout(() => {
					listeners.delete(check);
					reject(
						new Error(`worker output never matched ${pattern} ×${count}:\n${output.slice(-3000)}`)
					);
				}, timeoutMs);
				listeners.add(check);
				void exited.then(() => {
					if (listeners.has(check)) {
						check();
						if (listeners.has(check)) {
							listeners.delete(check);
							clearTimeout(timer);
							reject(
								new Error(
									`worker exited before its output matched ${pattern}:\n${output.slice(-3000)}`
								)
							);
						}
					}
				});
				check();
			});
		}
	};
}

/**
 * Where the app server keeps its data, and how the test reads it back independently of the app:
 * PostgreSQL is read while the server runs; PGlite only once the server has stopped (one process).
 */
export interface Backend {
	name: 'pglite' | 'postgres';
	/** Environment for startServer. */
	env: Record<string, string>;
	dataDir: string;
	/** The scratch database's name (PostgreSQL). */
	dbName?: string;
	adminUrl?: string;
	query<T>(text: string): Promise<T[]>;
	start(port?: number): Promise<RunningServer>;
	drop(): Promise<void>;
}

export async function openBackend(name: 'pglite' | 'postgres'): Promise<Backend> {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-worker-e2e-'));
	if (name === 'pglite') {
		return {
			name,
			env: {},
			dataDir,
			async query<T>(text: string) {
				const database = await openDatabase({ dataDir });
				try {
					return await rows<T>(database.db, sql.raw(text));
				} finally {
					await database.close();
				}
			},
			start: (port) => startServer({}, { dataDir, port }),
			async drop() {
				rmSync(dataDir, { recursive: true, force: true });
			}
		};
	}
	const adminUrl = process.env.TEST_DATABASE_URL!;
	const scratch = await createScratchDatabase(adminUrl);
	const client = postgres(scratch.url, { max: 2, onnotice: () => {} });
	return {
		name,
		env: { DATABASE_URL: scratch.url },
		dataDir,
		dbName: new URL(scratch.url).pathname.slice(1),
		adminUrl,
		query: async <T>(text: string) => (await client.unsafe(text)) as unknown as T[],
		start: (port) => startServer({ DATABASE_URL: scratch.url }, { dataDir, port }),
		async drop() {
			await client.end();
			await scratch.drop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A drop folder in the system's temp directory. */
export function dropFolder(files: Record<string, string | Uint8Array> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'qiandai-drop-'));
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
	return dir;
}

/** Fen as a 元 string with thousands separators, as Excel shows it: 123456789n → "1,234,567.89". */
export function yuanWithSeparators(fen: bigint): string {
	const negative = fen < 0n;
	const abs = negative ? -fen : fen;
	const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A small deterministic generator for test data (not for anything else). */
export function lcg(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s;
	};
}

let gbkTable: Map<string, number[]> | undefined;

/** Text in GB18030/GBK bytes, as Excel on Chinese Windows saves CSV (BMP characters GBK covers). */
export function encodeGbk(text: string): Uint8Array {
	if (!gbkTable) {
		gbkTable = new Map();
		const decoder = new TextDecoder('gbk');
		for (let lead = 0x81; lead <= 0xfe; lead++)
			for (let trail = 0x40; trail <= 0xfe; trail++) {
				if (trail === 0x7f) continue;
				const ch = decoder.decode(Uint8Array.from([lead, trail]));
				if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch))
					gbkTable.set(ch, [lead, trail]);
			}
	}
	const out: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80) out.push(code);
		else {
			const bytes = gbkTable.get(ch);
			if (!bytes) throw new Error(`no GBK encoding for ${ch}`);
			out.push(...bytes);
		}
	}
	return Uint8Array.from(out);
}
