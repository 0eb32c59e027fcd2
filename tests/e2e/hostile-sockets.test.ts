/**
 * Hostile Socket.IO clients on the built server: no namespace accepts an unauthenticated
 * connection (the default `/` included); messages are held to a small size everywhere but an
 * accepted `/ingest` sender's; a flood of messages closes the connection; and while 15 MiB
 * messages arrive, /healthz stays fast.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { io, Manager, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPrincipals } from '../support/http';
import { ADMIN_PASSWORD, INGEST_KEY, startServer, type RunningServer } from '../support/server';

const MiB = 1024 * 1024;

/** An engine connection joined to no namespace, for sending raw Socket.IO packets. */
async function rawConnection(url: string, cookie?: string): Promise<Manager> {
	const manager = new Manager(url, {
		transports: ['websocket'],
		reconnection: false,
		autoConnect: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	await new Promise<void>((resolve, reject) =>
		manager.open((err) => (err ? reject(err) : resolve()))
	);
	return manager;
}

/**
 * Five connections each sending one 15 MiB message, from another process (framing that much costs
 * the sender time it must not take from the probe). Resolves with how many the server closed.
 */
function flood(url: string): Promise<number> {
	const script = `
		import { Manager } from 'socket.io-client';
		const big = '2["x","' + 'a'.repeat(15 * 1024 * 1024) + '"]';
		const closed = await Promise.all(Array.from({ length: 5 }, () => new Promise((resolve) => {
			const m = new Manager(${JSON.stringify(url)}, { transports: ['websocket'], reconnection: false, autoConnect: false });
			m.open((err) => {
				if (err) return resolve(false);
				const t = setTimeout(() => resolve(false), 10000);
				m.engine.once('close', () => { clearTimeout(t); resolve(true); });
				m.engine.send(big);
			});
		})));
		console.log(closed.filter(Boolean).length);
		process.exit(0);`;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			cwd: new URL('../..', import.meta.url).pathname
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', () =>
			/^\d+$/.test(out.trim()) ? resolve(Number(out.trim())) : reject(new Error(out))
		);
	});
}

/** CPU time a process has used, in milliseconds (Linux). */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resolves with the milliseconds until the connection closed, or null if it stayed open. */
function closedWithin(manager: Manager, ms: number): Promise<number | null> {
	const started = Date.now();
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), ms);
		manager.engine.once('close', () => {
			clearTimeout(timer);
			resolve(Date.now() - started);
		});
	});
}

function connectTo(
	url: string,
	opts: { cookie?: string; auth?: Record<string, unknown> } = {}
): Promise<{ socket: Socket; error?: string }> {
	const socket = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		auth: opts.auth ?? {},
		extraHeaders: opts.cookie ? { cookie: opts.cookie } : {}
	});
	return new Promise((resolve) => {
		socket.once('connect', () => resolve({ socket }));
		socket.once('connect_error', (err) => resolve({ socket, error: err.message }));
	});
}

describe('hostile socket clients', () => {
	let server: RunningServer;
	let memberCookie: string;

	beforeAll(async () => {
		server = await startServer();
		const { agents } = await setUpPrincipals(server, ADMIN_PASSWORD);
		memberCookie = agents.member.cookieHeader;
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('accepts no unauthenticated connection on any namespace, the default one included', async () => {
		for (const [ns, auth] of [
			['/', {}],
			['/live', {}],
			['/live', { as: 'display' }],
			['/ingest', { key: 'not-a-key' }],
			['/ingest', {}]
		] as const) {
			const { socket, error } = await connectTo(`${server.url}${ns}`, { auth });
			socket.close();
			expect(error, ns).toBe('unauthorized');
		}
		// Not even a signed-in person on the default namespace.
		const { socket, error } = await connectTo(`${server.url}/`, { cookie: memberCookie });
		socket.close();
		expect(error).toBe('unauthorized');
		const unknown = await connectTo(`${server.url}/admin`);
		unknown.socket.close();
		expect(unknown.error).toBeTruthy();
	});

	it('closes a connection that sends 15 MiB anywhere but an accepted /ingest, and /healthz stays fast', async () => {
		const probe = async () => {
			const t = performance.now();
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			return performance.now() - t;
		};
		const pause = () => new Promise((r) => setTimeout(r, 50));
		// The idle probes also say what a probe itself costs the server, so that only the flood's own
		// CPU is compared below (a /healthz answer costs ~10 ms, and a slower flood means more probes).
		const idle: number[] = [];
		const cpuIdle = cpuMs(server.process.pid!);
		for (let i = 0; i < 10; i++) {
			idle.push(await probe());
			await pause();
		}
		const cpuPerProbe = (cpuMs(server.process.pid!) - cpuIdle) / idle.length;
		const cpuBefore = cpuMs(server.process.pid!);
		const flooding = flood(server.url);
		const health: number[] = [];
		let done = false;
		void flooding.finally(() => (done = true));
		while (!done) {
			health.push(await probe());
			await pause();
		}
		expect(await flooding).toBe(5);
		// Refused from the frame's length: the server does not even receive 75 MiB (it spent ~700 ms
		// of CPU receiving and parsing them before; refused, 250–550 ms on a 2-core machine). Wall-clock latency on a busy machine is noisy,
		// so it is compared with the same probe's idle latency.
		const floodCpu = cpuMs(server.process.pid!) - cpuBefore - cpuPerProbe * health.length;
		expect(floodCpu).toBeLessThan(600);
		expect(health.length).toBeGreaterThan(2);
		expect(Math.max(...health)).toBeLessThan(Math.max(...idle) + 500);

		// A signed-in member's /live socket may not send one either, nor to /ingest.
		for (const ns of ['/live', '/ingest']) {
			const m = await rawConnection(server.url, memberCookie);
			const socket = m.socket('/live');
			socket.connect();
			await new Promise((r) => socket.once('hello', r));
			const gone = closedWithin(m, 10_000);
			m.engine.send(`2${ns},["batch","${'a'.repeat(2 * MiB)}"]`);
			expect(await gone, ns).not.toBeNull();
		}
	});

	it('closes a connection that floods messages', async () => {
		const m = await rawConnection(server.url, memberCookie);
		const socket = m.socket('/live');
		socket.connect();
		await new Promise((r) => socket.once('hello', r));
		const gone = closedWithin(m, 10_000);
		for (let i = 0; i < 500; i++) socket.emit('ping', () => {});
		expect(await gone).not.toBeNull();
	});

	it('still takes batch-sized messages from an accepted ingest sender', async () => {
		const { socket, error } = await connectTo(`${server.url}/ingest`, {
			auth: { key: INGEST_KEY }
		});
		expect(error).toBeUndefined();
		const records = Array.from({ length: 2000 }, (_, i) => ({
			code: String(900000 + i),
			name: `单位${'名'.repeat(500)}${i}`
		}));
		const ack = await socket
			.timeout(60_000)
			.emitWithAck('batch', { batchId: 'big-units', kind: 'unit', records });
		socket.close();
		// Read and judged (not refused unread): every record accepted or rejected with a reason.
		expect(ack.error).toBeUndefined();
		expect(ack.accepted + ack.rejected.length).toBe(2000);
	});
});
