/**
 * bench:live's watchers: one child process (forked by tests/bench/live.ts, IPC channel) holding many
 * /live sockets, each signed in with a member's session cookie and watching one view. Each socket
 * keeps the figure it holds (the view's total, in fen) and the moment it first held each change of
 * the feed; the parent sends the acks' moments at the end of a window and gets back a histogram of
 * ack → holds latencies, the bytes of the frames received and what went wrong.
 *
 * The feed's change k (1-based) adds FEED_AMOUNT_FEN(k); a socket holds change k once its figure
 * has grown by the sum of the first k amounts since the window began. Any other growth is a wrong
 * figure (counted, never a hold).
 */
import { heldChanges } from './live-feed';
import { openWatcher, type Watcher, type WatchMode, type WatchedView } from './live-watch';

export type ToWatchers =
	| {
			type: 'open';
			url: string;
			tokens: string[];
			view: WatchedView;
			mode: WatchMode;
			/** Sockets connecting at once. */
			concurrency: number;
	  }
	| { type: 'reset' }
	| { type: 'report'; acks: number[] }
	/** How many sockets hold `changes` changes. */
	| { type: 'holding'; changes: number }
	| { type: 'close' };

export type FromWatchers =
	| { type: 'opened'; sockets: number; failed: number; firstError?: string; ms: number }
	| { type: 'reset' }
	| { type: 'report'; report: WatchReport }
	| { type: 'holding'; sockets: number }
	| { type: 'error'; message: string };

export interface WatchReport {
	sockets: number;
	/** Latency histogram, 1 ms buckets (the last one holds everything above). */
	histogram: number[];
	/** Socket × change pairs held before the change's ack arrived at the sender (counted as 0 ms). */
	early: number;
	/** Socket × change pairs never held by the report. */
	missed: number;
	/** Figures that were not a sum of the feed's first changes. */
	wrong: number;
	/** Bytes of the frames the sockets received since the reset (all of them, pings included). */
	bytes: number;
	/** Socket.IO frames the sockets received since the reset. */
	frames: number;
	/** Sockets that lost their connection. */
	disconnected: number;
}

export const HISTOGRAM_MS = 30_000;

interface Held {
	watcher: Watcher;
	base: bigint | undefined;
	/** held[k - 1]: epoch ms when the socket first held change k. */
	held: number[];
	wrong: number;
	bytesAtReset: number;
	framesAtReset: number;
}

const now = () => performance.timeOrigin + performance.now();
const send = (m: FromWatchers) => process.send!(m);
let sockets: Held[] = [];

function onFigure(s: Held, fen: bigint): void {
	if (s.base === undefined) return;
	const k = heldChanges(fen - s.base);
	if (k === undefined) {
		s.wrong++;
		return;
	}
	const t = now();
	while (s.held.length < k) s.held.push(t);
}

async function open(m: Extract<ToWatchers, { type: 'open' }>): Promise<void> {
	const t0 = performance.now();
	let failed = 0;
	let firstError: string | undefined;
	let next = 0;
	const worker = async () => {
		while (next < m.tokens.length) {
			const token = m.tokens[next++];
			const s: Held = {
				watcher: undefined as unknown as Watcher,
				base: undefined,
				held: [],
				wrong: 0,
				bytesAtReset: 0,
				framesAtReset: 0
			};
			try {
				s.watcher = await openWatcher(m.mode, m.url, token, m.view, (fen) => onFigure(s, fen));
				sockets.push(s);
			} catch (err) {
				failed++;
				firstError ??= err instanceof Error ? err.message : String(err);
			}
		}
	};
	await Promise.all(Array.from({ length: m.concurrency }, worker));
	send({ type: 'opened', sockets: sockets.length, failed, firstError, ms: performance.now() - t0 });
}

function reset(): void {
	for (const s of sockets) {
		s.base = s.watcher.figure();
		s.held = [];
		s.wrong = 0;
		s.bytesAtReset = s.watcher.bytes();
		s.framesAtReset = s.watcher.frames();
	}
	send({ type: 'reset' });
}

function report(acks: number[]): WatchReport {
	const histogram = new Array<number>(HISTOGRAM_MS + 1).fill(0);
	const out: WatchReport = {
		sockets: sockets.length,
		histogram,
		early: 0,
		missed: 0,
		wrong: 0,
		bytes: 0,
		frames: 0,
		disconnected: 0
	};
	for (const s of sockets) {
		out.wrong += s.wrong;
		out.bytes += s.watcher.bytes() - s.bytesAtReset;
		out.frames += s.watcher.frames() - s.framesAtReset;
		if (!s.watcher.connected()) out.disconnected++;
		acks.forEach((ack, i) => {
			const held = s.held[i];
			if (held === undefined) return void out.missed++;
			const ms = Math.round(held - ack);
			if (ms < 0) out.early++;
			histogram[Math.min(HISTOGRAM_MS, Math.max(0, ms))]++;
		});
	}
	return out;
}

process.on('message', (m: ToWatchers) => {
	try {
		if (m.type === 'open')
			void open(m).catch((err) => send({ type: 'error', message: String(err) }));
		else if (m.type === 'reset') reset();
		else if (m.type === 'report') send({ type: 'report', report: report(m.acks) });
		else if (m.type === 'holding')
			send({
				type: 'holding',
				sockets: sockets.filter((s) => s.held.length >= m.changes).length
			});
		else {
			for (const s of sockets) s.watcher.close();
			sockets = [];
			process.disconnect();
			setTimeout(() => process.exit(0), 200).unref();
		}
	} catch (err) {
		send({ type: 'error', message: err instanceof Error ? err.stack! : String(err) });
	}
});
