/** Starts the production server (server/index.ts over the built app) as a child process for e2e tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Shapes no log line may have (an argon2 hash, an ingest key, a hex digest such as a session's
 * hash) and the secrets every test server is started with. Every server started here has its
 * output searched for them when it stops (a full e2e run: every server of it), and kept in
 * test-results/server-logs/.
 */
const SECRET_SHAPES: RegExp[] = [
	/\$argon2(?:id|i|d)\$/,
	/\bqdk_[A-Za-z0-9_-]{16,}/,
	/\b[0-9a-f]{64}\b/i
];

/** What of the secrets (known ones and known shapes) a log carries. */
export function secretsInLog(output: string, secrets: readonly string[] = []): string[] {
	const found = SECRET_SHAPES.filter((p) => p.test(output)).map((p) => `a match of ${p}`);
	for (const s of [ADMIN_PASSWORD, INGEST_KEY, ...secrets])
		if (s && output.includes(s)) found.push(`the secret ${s.slice(0, 4)}…`);
	return found;
}

function keepLog(port: number, output: string): void {
	const dir = new URL('../../test-results/server-logs/', import.meta.url).pathname;
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `server-${port}-${Date.now()}.log`), output);
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
		if (child.exitCode !== null) {
			keepLog(port, output);
			const leaked = secretsInLog(output, [env.ADMIN_PASSWORD ?? '']);
			throw new Error(
				`server exited with ${child.exitCode}${leaked.length ? ` (its log carries ${leaked.join(', ')})` : ''}:\n${output}`
			);
		}
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
			let code = child.exitCode;
			if (code === null) {
				stopping = true;
				const exited = new Promise<number | null>((resolve) =>
					child.once('exit', (c) => resolve(c))
				);
				child.kill(signal);
				code = await exited;
				if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
			}
			keepLog(port, output);
			const leaked = secretsInLog(output, [env.ADMIN_PASSWORD ?? '']);
			if (leaked.length > 0)
				throw new Error(`the server's log carries ${leaked.join(', ')}:\n${output.slice(-4000)}`);
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
