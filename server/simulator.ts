/**
 * The in-process demo feed of `npm start`: the demo city's live payments in real time, sent over
 * Socket.IO /ingest with acknowledgements exactly as the worker sends them (same feed, same sender).
 */
import { DemoFeed } from './ingest/demo-feed';
import { Sender } from './ingest/sender';

export interface Simulator {
	stop(): Promise<void>;
}

export interface SimulatorOptions {
	url: string;
	key: string;
	tz: string;
	/** Mean seconds between batches. */
	intervalSeconds?: number;
	log?: (message: string) => void;
}

export function startSimulator(options: SimulatorOptions): Simulator {
	const log = options.log ?? (() => {});
	const interval = (options.intervalSeconds ?? 3) * 1000;
	const runId = Date.now().toString(36);
	const feed = new DemoFeed({ tz: options.tz, speed: 1, runId });
	const sender = new Sender({
		url: options.url,
		key: options.key,
		log: (line) => log(`simulator: ${line}`)
	});
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	let last = Date.now();
	let n = 0;

	const tick = async () => {
		if (stopped) return;
		const now = Date.now();
		for (const batch of feed.next(new Date(last), new Date(now), (now - last) / 1000)) {
			const batchId = `sim-${runId}-${++n}`;
			try {
				const ack = await sender.send({ batchId, kind: batch.kind, records: batch.records });
				if (ack.rejected.length > 0)
					log(
						`simulator: batch ${batchId} had ${ack.rejected.length} rejected: ${ack.rejected[0].reason}`
					);
			} catch (err) {
				if (!stopped) log(`simulator: batch ${batchId} not sent (${(err as Error).message})`);
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
