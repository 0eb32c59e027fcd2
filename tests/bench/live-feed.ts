/**
 * bench:live's steady feed: one source sends one-payment batches through /ingest at a set rate and
 * notes when each ack arrived. Change k (1-based)
 * adds feedAmountFen(k), so a watcher can tell from its figure alone how many changes it holds.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	IngestAnswer,
	IngestClientToServer,
	IngestServerToClient
} from '../../src/lib/ingest/events';
import { fenToYuan } from '../../src/lib/domain/money';

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

/** The k-th change's amount: 100 元 and k fen, so that every running total is distinct. */
export const feedAmountFen = (k: number): bigint => 10_000n + BigInt(k);

/** The sum of the first k changes' amounts. */
export const feedTotalFen = (k: number): bigint => {
	const n = BigInt(k);
	return 10_000n * n + (n * (n + 1n)) / 2n;
};

/** How many changes a growth of `fen` is (k with feedTotalFen(k) = fen), or undefined if none. */
export function heldChanges(fen: bigint): number | undefined {
	if (fen < 0n) return undefined;
	let k = Number(fen / 10_000n);
	while (k > 0 && feedTotalFen(k) > fen) k--;
	return feedTotalFen(k) === fen ? k : undefined;
}

export interface FeedOutcome {
	/** Epoch ms at which change k's ack arrived (index k - 1). */
	acks: number[];
	/** Send → ack, ms. */
	latencies: number[];
	seconds: number;
}

const now = () => performance.timeOrigin + performance.now();

/** "2026-12-06T21:45:10+08:00", a few seconds ago: the server refuses payments after its clock. */
function shanghaiNow(): string {
	return `${new Date(Date.now() + 8 * 3600_000 - 5_000).toISOString().slice(0, 19)}+08:00`;
}

export async function connectIngest(url: string, key: string): Promise<IngestSocket> {
	const socket: IngestSocket = io(`${url}/ingest`, {
		auth: { key },
		transports: ['websocket'],
		forceNew: true
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return socket;
}

/**
 * Sends `perSecond` changes a second for `seconds` (at least one change), each one payment made
 * from `template`, ids prefixed by `label`. Each change leaves at its moment whether or not the
 * earlier ones are acknowledged (at most `inflight` waiting): the server keeps one source's batches
 * in order (group commit), so change k is never stored before change k - 1.
 */
export async function steadyFeed(
	socket: IngestSocket,
	template: Record<string, unknown>,
	opts: { perSecond: number; seconds: number; label: string; inflight?: number }
): Promise<FeedOutcome> {
	const out: FeedOutcome = { acks: [], latencies: [], seconds: 0 };
	const period = 1000 / opts.perSecond;
	const count = Math.max(1, Math.round(opts.seconds * opts.perSecond));
	const pending = new Set<Promise<void>>();
	const t0 = now();
	const send = async (k: number) => {
		const record = {
			...template,
			id: `${opts.label}-${k}`,
			paidAt: shanghaiNow(),
			amount: fenToYuan(feedAmountFen(k))
		};
		const sent = now();
		const ack: IngestAnswer = await socket.timeout(60_000).emitWithAck('batch', {
			batchId: `${opts.label}-${k}`,
			kind: 'payment',
			records: [record]
		});
		const acked = now();
		if ('error' in ack || ack.accepted !== 1)
			throw new Error(`feed change ${k}: ${JSON.stringify(ack)}`);
		out.acks[k - 1] = acked;
		out.latencies[k - 1] = acked - sent;
	};
	for (let k = 1; k <= count; k++) {
		const due = t0 + (k - 1) * period;
		if (due > now()) await new Promise((r) => setTimeout(r, due - now()));
		while (pending.size >= (opts.inflight ?? 50)) await Promise.race(pending);
		const p: Promise<void> = send(k).finally(() => pending.delete(p));
		pending.add(p);
	}
	await Promise.all(pending);
	out.seconds = (now() - t0) / 1000;
	return out;
}
