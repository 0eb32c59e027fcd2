/**
 * The ingest bench's senders. They speak the worker's protocol (server/ingest/sender.ts): the same
 * events, acks and window of batches in flight. The file's sender reads the records from memory
 * rather than through the worker's fsynced outbox and journal (runOnce in server/ingest/worker.ts),
 * so the figure is the server's throughput, not this machine's disk; the worker's own reliability
 * is what tests/e2e/ingest-worker-* test.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	IngestAnswer,
	IngestClientToServer,
	IngestServerToClient
} from '../../src/lib/ingest/events';
import { readRecords } from './ingest-data';

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

export interface SendOutcome {
	accepted: number;
	duplicates: number;
	rejected: number;
	batches: number;
	/** Per-batch round trip, send to ack, ms. */
	latencies: number[];
}

async function connected(url: string, key: string): Promise<IngestSocket> {
	const socket: IngestSocket = io(`${url}/ingest`, { auth: { key }, transports: ['websocket'] });
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return socket;
}

/** Sends a file of payments in batches of `batch`, with at most `inflight` awaiting their ack. */
export async function sendFileLikeTheWorker(
	url: string,
	key: string,
	file: string,
	opts: { batch: number; inflight: number; prefix: string }
): Promise<SendOutcome> {
	const socket = await connected(url, key);
	const outcome: SendOutcome = {
		accepted: 0,
		duplicates: 0,
		rejected: 0,
		batches: 0,
		latencies: []
	};
	const pending = new Set<Promise<void>>();
	const send = (records: unknown[], n: number) => {
		const started = performance.now();
		const p = new Promise<void>((resolve, reject) => {
			socket
				.timeout(120_000)
				.emit(
					'batch',
					{ batchId: `${opts.prefix}-${n}`, kind: 'payment', records },
					(err: Error | null, ack: IngestAnswer) => {
						if (err) return reject(err);
						if ('error' in ack) return reject(new Error(`batch ${ack.batchId}: ${ack.error}`));
						outcome.accepted += ack.accepted;
						outcome.duplicates += ack.duplicates;
						outcome.rejected += ack.rejected.length;
						outcome.batches++;
						outcome.latencies.push(performance.now() - started);
						resolve();
					}
				);
		}).finally(() => pending.delete(p));
		pending.add(p);
		return p;
	};
	let records: unknown[] = [];
	let n = 0;
	for await (const record of readRecords(file)) {
		records.push(record);
		if (records.length === opts.batch) {
			void send(records, n++);
			records = [];
			while (pending.size >= opts.inflight) await Promise.race(pending);
		}
	}
	if (records.length > 0) void send(records, n);
	await Promise.all(pending);
	socket.close();
	return outcome;
}

/** The file's first record: the live feed's payments are made from it. */
export async function firstRecord(file: string): Promise<Record<string, unknown>> {
	const records = readRecords(file);
	const { value } = await records.next();
	await records.return(undefined);
	return value as Record<string, unknown>;
}

/**
 * The live feed beside a bulk load: another source sends about one payment a second (the next 0.5–1.5 s
 * after the last is acknowledged) until stopped; what a wall display waits for while a file loads.
 */
export function liveFeed(
	url: string,
	key: string,
	label: string,
	template: Record<string, unknown>
): { stop(): Promise<number[]> } {
	const latencies: number[] = [];
	let running = true;
	let socket: IngestSocket | undefined;
	const loop = (async () => {
		socket = await connected(url, key);
		for (let n = 0; running; n++) {
			const record = { ...template, id: `LIVE-${label}-${n}`, amount: '1.00' };
			const started = performance.now();
			const ack = await socket.timeout(120_000).emitWithAck('batch', {
				batchId: `live-${label}-${n}`,
				kind: 'payment',
				records: [record]
			});
			if ('error' in ack || ack.accepted !== 1)
				throw new Error(`live payment ${n}: ${JSON.stringify(ack)}`);
			latencies.push(performance.now() - started);
			// About one a second, at a random moment: a fixed period would lock onto the writer's cycle and
			// sample one phase of a group's commit only.
			await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			socket?.close();
			return latencies;
		}
	};
}
