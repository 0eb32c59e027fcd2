/**
 * Where the ingest bench runs: a scratch PostgreSQL database or a PGlite folder (a target), and the
 * app server in its own process on it (tests/bench/ingest-server.ts), as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { createScratchDatabase } from '../support/databases';

export interface Target {
	name: 'postgres' | 'pglite';
	env: Record<string, string>;
	/** A postgres.js connection to the same database (PostgreSQL only), for checks and ceilings. */
	sql?: postgres.Sql;
	drop(): Promise<void>;
}

/** A fresh target: a scratch database on the server at `pgUrl`, or a PGlite folder under `tmp`. */
export async function openScratchTarget(
	name: Target['name'],
	places: { pgUrl?: string; tmp: string }
): Promise<Target> {
	if (name === 'postgres') {
		const scratch = await createScratchDatabase(places.pgUrl!);
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
	const dataDir = mkdtempSync(join(places.tmp, 'pglite-'));
	return {
		name,
		env: { DATA_DIR: dataDir, DATABASE_URL: '' },
		drop: async () => rmSync(dataDir, { recursive: true, force: true })
	};
}

export interface ServerMemory {
	rss: number;
	heapUsed: number;
	external: number;
}

export interface BenchServer {
	url: string;
	child: ChildProcess;
	/** The server's memory now (after a full collection when started with --expose-gc). */
	memory(): Promise<ServerMemory>;
	stop(): Promise<void>;
}

/**
 * The app server on a target, with `env` (ingest keys, the bench city) added to this process's and
 * `nodeArgs` (such as --expose-gc) given to node.
 */
export async function startBenchServer(
	target: Target,
	env: Record<string, string>,
	/** The checkout whose server runs (another one: the code before a change, for an A/B pair). */
	serverDir = new URL('../..', import.meta.url).pathname,
	/** Extra node flags for the server (e.g. --expose-gc). */
	nodeArgs: string[] = []
): Promise<BenchServer> {
	// BENCH_PROFILE_DIR=dir: the server writes a V8 CPU profile there (node --cpu-prof) when it exits.
	const profile = process.env.BENCH_PROFILE_DIR
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
		: [];
	const child = spawn(
		process.execPath,
		[...profile, ...nodeArgs, '--import', 'tsx', 'tests/bench/ingest-server.ts'],
		{
			cwd: serverDir,
			env: { ...process.env, REDIS_URL: '', ...env, ...target.env },
			stdio: ['pipe', 'pipe', 'inherit']
		}
	);
	let output = '';
	let shown = 0;
	const memoryWaiters: ((m: ServerMemory) => void)[] = [];
	child.stdout!.on('data', (d: Buffer) => {
		for (const m of String(d).matchAll(/^memory (\{.*\})$/gm))
			memoryWaiters.shift()?.(JSON.parse(m[1]) as ServerMemory);
	});
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
		memory: () =>
			new Promise<ServerMemory>((resolve) => {
				memoryWaiters.push(resolve);
				child.stdin!.write('memory\n');
			}),
		async stop() {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		}
	};
}
