/** Starts the production server (server/index.ts over the built app) as a child process for e2e tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const INGEST_KEY = 'e2e-ingest-key-0123456789';

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	/** Everything the server printed. */
	output(): string;
	/** Milliseconds from spawn to the first healthy /healthz. */
	startupMs: number;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

export async function startServer(
	env: Record<string, string> = {},
	options: { timeoutMs?: number; dataDir?: string; port?: number } = {}
): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'qiandai-e2e-'));
	let output = '';
	const started = Date.now();
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: new URL('../..', import.meta.url).pathname,
		env: {
			...process.env,
			PORT: String(port),
			DATA_DIR: dataDir,
			DEMO: '0',
			ADMIN_PASSWORD,
			INGEST_KEYS: INGEST_KEY,
			DATABASE_URL: '',
			REDIS_URL: '',
			ORIGIN: '',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	let stopping = false;
	// A server that dies under a test would otherwise show only as refused connections: say why.
	child.once('exit', (code, signal) => {
		if (!stopping)
			console.error(
				`[test server :${port}] exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${output.slice(-6000)}`
			);
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = started + (options.timeoutMs ?? 120_000);
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`server exited with ${child.exitCode}:\n${output}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server not healthy in time:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	const startupMs = Date.now() - started;
	return {
		url,
		port,
		dataDir,
		process: child,
		startupMs,
		output: () => output,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode !== null) return child.exitCode;
			stopping = true;
			const exited = new Promise<number | null>((resolve) =>
				child.once('exit', (code) => resolve(code))
			);
			child.kill(signal);
			const code = await exited;
			if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
			return code;
		}
	};
}

/** POST a batch to /api/ingest. */
export async function postBatch(
	server: RunningServer,
	body: unknown,
	key = INGEST_KEY
	// The tests read whichever shape the endpoint answered with (ack or error), as they would JSON.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
	const res = await fetch(`${server.url}/api/ingest`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: await res.json().catch(() => null) };
}
