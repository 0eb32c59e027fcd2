/**
 * The machine's floor for fanning a frame out (bench:live): no Socket.IO, no WebSocket, no app —
 * this process writes one frame of `bytes` to each of `sockets` loopback TCP connections, `flushes`
 * times a second for `seconds`, read by `processes` child processes on the same cores (as the
 * watchers are). Returns this process's CPU per socket per flush, user and system (the kernel's
 * TCP send and, on loopback, the delivery into the reader's socket and its wake-up). What any live
 * design on this machine pays at the least for each socket it sends a flush.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Socket } from 'node:net';

export interface KernelFloor {
	sockets: number;
	bytes: number;
	flushes: number;
	/** µs of this process's CPU per socket per flush. */
	userPerSocket: number;
	systemPerSocket: number;
	/** Every byte written was read. */
	delivered: boolean;
}

/** A reader: `n` connections to `port`, counting what they read; prints the count on stdin's end. */
const READER = `
const net = require('node:net');
const [port, n] = process.argv.slice(1).map(Number);
let bytes = 0, open = 0;
for (let i = 0; i < n; i++) {
	const s = net.connect(port, '127.0.0.1', () => { if (++open === n) process.stdout.write('ready\\n'); });
	s.on('data', (d) => { bytes += d.length; });
}
process.stdin.on('end', () => { process.stdout.write('read ' + bytes + '\\n'); process.exit(0); });
process.stdin.resume();
`;

export async function kernelFloor(o: {
	sockets: number;
	processes: number;
	bytes: number;
	perSecond: number;
	seconds: number;
}): Promise<KernelFloor> {
	const accepted: Socket[] = [];
	const server = createServer({ noDelay: true }, (s) => accepted.push(s));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	const readers: { child: ChildProcess; out: string }[] = [];
	const per = Math.ceil(o.sockets / o.processes);
	for (let left = o.sockets; left > 0; left -= per) {
		const child = spawn(
			process.execPath,
			['-e', READER, String(port), String(Math.min(per, left))],
			{
				stdio: ['pipe', 'pipe', 'inherit']
			}
		);
		const reader = { child, out: '' };
		child.stdout!.on('data', (d: Buffer) => (reader.out += d));
		readers.push(reader);
	}
	const until = async (what: () => boolean) => {
		while (!what()) await new Promise((r) => setTimeout(r, 20));
	};
	await until(() => readers.every((r) => r.out.includes('ready')) && accepted.length === o.sockets);
	const frame = Buffer.alloc(o.bytes, 'x');
	const flushes = Math.round(o.perSecond * o.seconds);
	const before = process.cpuUsage();
	for (let i = 0; i < flushes; i++) {
		for (const s of accepted) s.write(frame);
		await new Promise((r) => setTimeout(r, 1000 / o.perSecond));
	}
	const used = process.cpuUsage(before);
	for (const r of readers) r.child.stdin!.end();
	await until(() => readers.every((r) => /read \d+/.test(r.out)));
	const read = readers.reduce((a, r) => a + Number(/read (\d+)/.exec(r.out)![1]), 0);
	for (const s of accepted) s.destroy();
	server.close();
	const per1 = (us: number) => us / (flushes * o.sockets);
	return {
		sockets: o.sockets,
		bytes: o.bytes,
		flushes,
		userPerSocket: per1(used.user),
		systemPerSocket: per1(used.system),
		delivered: read === flushes * o.sockets * o.bytes
	};
}
