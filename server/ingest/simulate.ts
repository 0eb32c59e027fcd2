/**
 * `npm run ingest -- --simulate [--speed N]`: the demo city's live feed sent through the socket on a
 * simulated clock that runs N times real time, anomalies included, until stopped (or `until`).
 */
import { randomBytes } from 'node:crypto';
import { DemoFeed, type Anomaly } from './demo-feed';
import { Sender } from './sender';

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
		seed: options.seed,
		runId
	});
	const sender = new Sender({ url: options.url, key: options.key, log });
	const tick = options.tickMs ?? (options.speed <= 1 ? 3000 : 1000);
	const realStart = Date.now();
	const simStart = (options.from ?? new Date()).getTime();
	const simAt = (real: number) => new Date(simStart + (real - realStart) * options.speed);
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
	let n = 0;
	let silent = false;
	try {
		while (!options.signal?.aborted) {
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, Math.max(0, lastReal + tick - Date.now()));
				options.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {
					once: true
				});
			});
			if (options.signal?.aborted) break;
			const now = Date.now();
			let to = simAt(now);
			if (options.until && to > options.until) to = options.until;
			const from = simAt(lastReal);
			for (const batch of feed.next(from, to, (now - lastReal) / 1000)) {
				const batchId = `sim-${runId}-${++n}`;
				const ack = await sender.send({ batchId, kind: batch.kind, records: batch.records });
				summary.batches++;
				summary.records += batch.records.length;
				summary.accepted += ack.accepted;
				summary.duplicates += ack.duplicates;
				summary.rejected += ack.rejected.length;
				if (batch.anomaly)
					summary.anomalies[batch.anomaly] = (summary.anomalies[batch.anomaly] ?? 0) + 1;
				log(
					`batch ${batchId}${batch.anomaly ? ` [${batch.anomaly}]` : ''}: ${batch.records.length} payments up to ${to.toISOString()}, accepted ${ack.accepted}, duplicates ${ack.duplicates}, rejected ${ack.rejected.length}${ack.rejected[0] ? ` (${ack.rejected[0].reason})` : ''}`
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
