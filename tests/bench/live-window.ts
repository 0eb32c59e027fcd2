/**
 * One bench:live measurement: N watchers (tests/bench/live-watchers.ts, spread over a few child
 * processes) connect to a node and watch one view while the steady feed sends changes to a node
 * (the same or another); then the figures of that window, which ends when every socket holds the
 * last change (CPU is counted until then).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { BenchServer, ServerMemory } from './ingest-target';
import { processCpu, sampleCpu } from './cpu';
import { steadyFeed, type connectIngest, type FeedOutcome } from './live-feed';
import {
	HISTOGRAM_MS,
	type FromWatchers,
	type ToWatchers,
	type WatchReport
} from './live-watchers';
import type { WatchedView, WatchMode } from './live-watch';

export interface WindowOptions {
	watchers: number;
	tokens: string[];
	/** Where the watchers connect, and where the feed sends (the same node, or another). */
	watchNode: BenchServer;
	feedNode: BenchServer;
	feed: Awaited<ReturnType<typeof connectIngest>>;
	template: Record<string, unknown>;
	view: WatchedView;
	mode: WatchMode;
	processes: number;
	perSecond: number;
	seconds: number;
	label: string;
	log: (m: string) => void;
}

export interface WindowFigures {
	watchers: number;
	connected: number;
	connectSeconds: number;
	changes: number;
	feedSeconds: number;
	/** From the first change sent to every socket holding the last (or DRAIN_MS after the feed). */
	windowSeconds: number;
	ackP50: number;
	ackP99: number;
	holdP50: number;
	holdP99: number;
	holdMax: number;
	report: WatchReport;
	/** µs per change: the watching node, the feeding node (when another), the watchers, the machine. */
	cpuWatchNode: number;
	cpuFeedNode: number;
	cpuWatchers: number;
	cpuMachine: number;
	/** Share of both cores busy over the window, %. */
	machineBusy: number;
	/** Bytes per connection on the watching node, after connecting and after the feed. */
	rssPerConnection: number;
	heapPerConnection: number;
	rssPerConnectionAfterFeed: number;
	bytesPerChangePerSocket: number;
	/** Socket.IO frames a socket received in the window. */
	framesPerSocket: number;
}

/** How long after the feed the window waits for every socket to hold the last change. */
const DRAIN_MS = 30_000;

interface WatcherProcess {
	child: ChildProcess;
	ask<T extends FromWatchers['type']>(
		m: ToWatchers,
		answer: T
	): Promise<Extract<FromWatchers, { type: T }>>;
}

function startWatcherProcess(): WatcherProcess {
	const child = fork(new URL('./live-watchers.ts', import.meta.url).pathname, [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	return {
		child,
		ask: (m, answer) =>
			new Promise((resolve, reject) => {
				const on = (r: FromWatchers) => {
					if (r.type === 'error') reject(new Error(`watchers: ${r.message}`));
					else if (r.type === answer) resolve(r as never);
					else return;
					child.off('message', on);
				};
				child.on('message', on);
				child.send(m);
			})
	};
}

export function percentile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

function histogramPercentile(h: number[], q: number): number {
	const total = h.reduce((a, b) => a + b, 0);
	let seen = 0;
	for (let ms = 0; ms < h.length; ms++) {
		seen += h[ms];
		if (seen >= q * total && seen > 0) return ms;
	}
	return NaN;
}

function merge(reports: WatchReport[]): WatchReport {
	const out: WatchReport = {
		sockets: 0,
		histogram: new Array<number>(HISTOGRAM_MS + 1).fill(0),
		early: 0,
		missed: 0,
		wrong: 0,
		bytes: 0,
		frames: 0,
		disconnected: 0
	};
	for (const r of reports) {
		out.sockets += r.sockets;
		r.histogram.forEach((n, i) => (out.histogram[i] += n));
		out.early += r.early;
		out.missed += r.missed;
		out.wrong += r.wrong;
		out.bytes += r.bytes;
		out.frames += r.frames;
		out.disconnected += r.disconnected;
	}
	return out;
}

const perConnection = (after: ServerMemory, before: ServerMemory, n: number) => ({
	rss: (after.rss - before.rss) / n,
	heap: (after.heapUsed + after.external - before.heapUsed - before.external) / n
});

export async function measureWindow(o: WindowOptions): Promise<WindowFigures> {
	const mem0 = await o.watchNode.memory();
	const procs = Array.from({ length: Math.min(o.processes, o.watchers) }, startWatcherProcess);
	try {
		const t0 = performance.now();
		const opened = await Promise.all(
			procs.map((p, i) =>
				p.ask(
					{
						type: 'open',
						url: o.watchNode.url,
						tokens: o.tokens.slice(0, o.watchers).filter((_, j) => j % procs.length === i),
						view: o.view,
						mode: o.mode,
						concurrency: 16
					},
					'opened'
				)
			)
		);
		const connected = opened.reduce((a, r) => a + r.sockets, 0);
		const failed = opened.find((r) => r.firstError)?.firstError;
		o.log(
			`${o.label}: ${connected} of ${o.watchers} watchers connected in ${((performance.now() - t0) / 1000).toFixed(1)} s` +
				(failed ? ` (first failure: ${failed})` : '')
		);
		const connectSeconds = (performance.now() - t0) / 1000;
		// Let the handshakes' garbage go before the memory is read.
		await new Promise((r) => setTimeout(r, 1000));
		const mem1 = await o.watchNode.memory();
		await Promise.all(procs.map((p) => p.ask({ type: 'reset' }, 'reset')));

		const pids = procs.map((p) => p.child.pid);
		const watchersCpu = () => pids.reduce<number>((a, pid) => a + processCpu(pid), 0);
		const cpu0 = sampleCpu(o.watchNode.child.pid);
		const feedCpu0 = processCpu(o.feedNode.child.pid);
		const w0 = watchersCpu();
		const tFeed = performance.now();
		const fed: FeedOutcome = await steadyFeed(o.feed, o.template, {
			perSecond: o.perSecond,
			seconds: o.seconds,
			label: `${o.label.replace(/[^\w.:@-]+/g, '-')}-${Date.now()}`
		});
		// The window ends when every socket holds the last change (or after DRAIN_MS more): the pushes
		// of the last changes are part of their cost.
		const changes = fed.acks.length;
		const drainUntil = performance.now() + DRAIN_MS;
		while (performance.now() < drainUntil) {
			const holding = await Promise.all(
				procs.map((p) => p.ask({ type: 'holding', changes }, 'holding'))
			);
			if (holding.reduce((a, h) => a + h.sockets, 0) >= connected) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const windowSeconds = (performance.now() - tFeed) / 1000;
		const cpu1 = sampleCpu(o.watchNode.child.pid);
		const feedCpu1 = processCpu(o.feedNode.child.pid);
		const w1 = watchersCpu();
		const mem2 = await o.watchNode.memory();
		const report = merge(
			await Promise.all(
				procs.map(async (p) => (await p.ask({ type: 'report', acks: fed.acks }, 'report')).report)
			)
		);
		const per = (us: number) => us / changes;
		const before = perConnection(mem1, mem0, Math.max(1, connected));
		return {
			watchers: o.watchers,
			connected,
			connectSeconds,
			changes,
			feedSeconds: fed.seconds,
			windowSeconds,
			ackP50: percentile(fed.latencies, 0.5),
			ackP99: percentile(fed.latencies, 0.99),
			holdP50: histogramPercentile(report.histogram, 0.5),
			holdP99: histogramPercentile(report.histogram, 0.99),
			holdMax: histogramPercentile(report.histogram, 1),
			report,
			cpuWatchNode: cpu0 && cpu1 ? per(cpu1.server - cpu0.server) : NaN,
			cpuFeedNode: o.feedNode === o.watchNode ? 0 : per(feedCpu1 - feedCpu0),
			cpuWatchers: per(w1 - w0),
			cpuMachine: cpu0 && cpu1 ? per(cpu1.machineBusy - cpu0.machineBusy) : NaN,
			machineBusy:
				cpu0 && cpu1
					? (100 * (cpu1.machineBusy - cpu0.machineBusy)) / (cpu1.machineTotal - cpu0.machineTotal)
					: NaN,
			rssPerConnection: before.rss,
			heapPerConnection: before.heap,
			rssPerConnectionAfterFeed: perConnection(mem2, mem0, Math.max(1, connected)).rss,
			bytesPerChangePerSocket: report.bytes / Math.max(1, report.sockets) / changes,
			framesPerSocket: report.frames / Math.max(1, report.sockets)
		};
	} finally {
		await Promise.all(
			procs.map(async (p) => {
				if (p.child.exitCode !== null) return;
				const exited = new Promise((r) => p.child.once('exit', r));
				p.child.send({ type: 'close' } satisfies ToWatchers);
				await exited;
			})
		);
	}
}
