/**
 * The demo city's live feed (demo-feed.ts) sent through Socket.IO /ingest with acknowledgements,
 * exactly as the worker sends files. Two ways to run it:
 *
 * - `runSimulation`: `npm run ingest -- --simulate [--speed N]`, on a simulated clock that runs N
 *   times real time, anomalies included, until stopped (or `until`); resolves to a summary.
 * - `startInProcessFeed`: the feed `npm start` runs inside the app's process, in real time without
 *   anomalies, a batch every few seconds in the background until `stop()`.
 */
import { randomBytes } from 'node:crypto';
import type { IngestRequest } from '../../src/lib/domain/records';
import { DemoFeed, type Anomaly } from './demo-feed';
import { Sender } from './sender';

/** A batch of the feed as sent, and the anomaly it carries if any. */
interface FeedRequest {
	request: IngestRequest;
	anomaly?: Anomaly;
}

/** The feed's batches for a span of simulated time [from, to) that took `realSeconds`. */
type NextRequests = (from: Date, to: Date, realSeconds: number) => FeedRequest[];

/** The feed's batches as ingest requests, numbered `sim-{runId}-{n}` within the run. */
function requestsOf(feed: DemoFeed, runId: string): NextRequests {
	let n = 0;
	return (from, to, realSeconds) =>
		feed.next(from, to, realSeconds).map(({ kind, records, anomaly }) => ({
			request: { batchId: `sim-${runId}-${++n}`, kind, records },
			anomaly
		}));
}

/** Waits `ms` (none when negative), or until `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise<void>((resolve) => {
		const t = setTimeout(resolve, Math.max(0, ms));
		signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
	});
}

export interface SimulationOptions {
	url: string;
	key: string;
	tz: string;
	speed: number;
	/** Simulated start (default: now). */
	from?: Date;
	/** Stop when the simulated clock passes this. */
	until?: Date;
	anomalies?: boolean;
	/** Times the city's rhythm of payments (default 1: about 1,000 a working day in office hours). */
	pace?: number;
	/** Real seconds between two anomalies (default 30; 1 in tests). */
	anomalyEverySeconds?: number;
	tickMs?: number;
	seed?: number;
	signal?: AbortSignal;
	log?: (line: string) => void;
}

export interface SimulationSummary {
	batches: number;
	records: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	anomalies: Partial<Record<Anomaly, number>>;
	simulatedUntil: string;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
	const log =
		options.log ??
		((line: string) => console.log(`[simulate] ${new Date().toISOString()} ${line}`));
	const runId = randomBytes(4).toString('hex');
	const feed = new DemoFeed({
		tz: options.tz,
		speed: options.speed,
		anomalies: options.anomalies ?? true,
		anomalyEverySeconds: options.anomalyEverySeconds,
		pace: options.pace,
		seed: options.seed,
		runId
	});
	const next = requestsOf(feed, runId);
	const sender = new Sender({ url: options.url, key: options.key, log });
	const tick = options.tickMs ?? (options.speed <= 1 ? 3000 : 1000);
	const realStart = Date.now();
	const simStart = (options.from ?? new Date()).getTime();
	// The simulated clock never runs past the real one (the server refuses payments dated after its
	// clock): from a past --from it runs N× until it reaches now, then keeps pace with it.
	const simAt = (real: number) =>
		new Date(Math.min(simStart + (real - realStart) * options.speed, real));
	const summary: SimulationSummary = {
		batches: 0,
		records: 0,
		accepted: 0,
		duplicates: 0,
		rejected: 0,
		anomalies: {},
		simulatedUntil: ''
	};
	log(
		`simulating the demo feed at ${options.speed}× from ${new Date(simStart).toISOString()}${options.until ? ` until ${options.until.toISOString()}` : ''} (run ${runId})`
	);
	let lastReal = realStart;
	let silent = false;
	try {
		while (!options.signal?.aborted) {
			await pause(lastReal + tick - Date.now(), options.signal);
			if (options.signal?.aborted) break;
			const now = Date.now();
			let to = simAt(now);
			if (options.until && to > options.until) to = options.until;
			for (const { request, anomaly } of next(simAt(lastReal), to, (now - lastReal) / 1000)) {
				const ack = await sender.send(request);
				summary.batches++;
				summary.records += request.records.length;
				summary.accepted += ack.accepted;
				summary.duplicates += ack.duplicates;
				summary.rejected += ack.rejected.length;
				if (anomaly) summary.anomalies[anomaly] = (summary.anomalies[anomaly] ?? 0) + 1;
				log(
					`batch ${request.batchId}${anomaly ? ` [${anomaly}]` : ''}: ${request.records.length} payments up to ${to.toISOString()}, accepted ${ack.accepted}, duplicates ${ack.duplicates}, rejected ${ack.rejected.length}${ack.rejected[0] ? ` (${ack.rejected[0].reason})` : ''}`
				);
			}
			if (feed.silentAt(to) !== silent) {
				silent = !silent;
				if (silent) summary.anomalies.gap = (summary.anomalies.gap ?? 0) + 1;
				log(
					silent ? 'feed silent (a long gap in the simulated feed)' : 'feed resumes after the gap'
				);
			}
			lastReal = now;
			summary.simulatedUntil = to.toISOString();
			if (options.until && to >= options.until) break;
		}
	} finally {
		sender.close();
	}
	return summary;
}

export interface InProcessFeed {
	stop(): Promise<void>;
}

export interface InProcessFeedOptions {
	url: string;
	key: string;
	tz: string;
	/** Mean seconds between batches. */
	intervalSeconds?: number;
	/** Times the city's rhythm, and payments at any hour (tests that cannot wait for office hours). */
	pace?: number;
	allHours?: boolean;
	log?: (message: string) => void;
}

/**
 * Starts npm start's demo feed: the payments of each few real seconds (jittered, so the pages move
 * irregularly, as a treasury's do), sent in the background; a batch that fails is logged and skipped.
 */
export function startInProcessFeed(options: InProcessFeedOptions): InProcessFeed {
	const log = options.log ?? (() => {});
	const interval = (options.intervalSeconds ?? 3) * 1000;
	const runId = Date.now().toString(36);
	const feed = new DemoFeed({
		tz: options.tz,
		speed: 1,
		runId,
		pace: options.pace,
		allHours: options.allHours
	});
	const next = requestsOf(feed, runId);
	const sender = new Sender({
		url: options.url,
		key: options.key,
		log: (line) => log(`demo feed: ${line}`)
	});
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	let last = Date.now();

	const tick = async () => {
		if (stopped) return;
		const now = Date.now();
		for (const { request } of next(new Date(last), new Date(now), (now - last) / 1000)) {
			try {
				const ack = await sender.send(request);
				if (ack.rejected.length > 0)
					log(
						`demo feed: batch ${request.batchId} had ${ack.rejected.length} rejected: ${ack.rejected[0].reason}`
					);
			} catch (err) {
				if (!stopped)
					log(`demo feed: batch ${request.batchId} not sent (${(err as Error).message})`);
			}
		}
		last = now;
		if (!stopped) timer = setTimeout(() => void tick(), interval * (0.5 + Math.random()));
	};
	timer = setTimeout(() => void tick(), 1000);
	log(`demo feed: simulated payments every ~${interval / 1000}s`);

	return {
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			sender.close();
		}
	};
}
