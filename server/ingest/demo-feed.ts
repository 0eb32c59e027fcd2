/**
 * The demo city's live feed on a simulated clock: payments "as they happen" from the demo city's
 * generators (src/lib/demo), and — when asked — the odd thing supervision must notice, in rotation:
 * a refund, a late correction, an unknown department, an unknown function code, a duplicate, a
 * conflict (same id, different content), a payment over 5000万 and a long silence of the feed.
 * Sent by server/ingest/simulate.ts: the worker's `--simulate` and the in-process feed of `npm start`.
 */
import {
	buildDemoCity,
	liveFeedLines,
	livePayment,
	Random,
	type DemoCity,
	type DemoPayment,
	type DemoPlanLine
} from '../../src/lib/demo';
import { fiscalYearOf } from '../../src/lib/domain/fiscal';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';

export const ANOMALIES = [
	'refund',
	'late-correction',
	'unknown-dept',
	'unknown-func',
	'duplicate',
	'conflict',
	'large',
	'gap'
] as const;
export type Anomaly = (typeof ANOMALIES)[number];

/** Codes of the right shape that no department or function 项 has (accepted, flagged as data quality). */
export const UNKNOWN_DEPT = '998';
export const UNKNOWN_FUNC = '2169999';
/** Payments per simulated second in real time: a busy treasury, a batch every few seconds. */
const BASE_RATE = 1.2;
/** A long silence lasts this much simulated time (longer than the 4-working-hour stale threshold). */
const GAP_MS = 5 * 3600_000;

export interface DemoFeedOptions {
	tz: string;
	/** Simulated seconds per real second (1 = real time; 52_560 = a year in ten minutes). */
	speed: number;
	/** Most payments per real second, however fast the clock runs. */
	maxPerSecond?: number;
	/** Mix in the anomalies above, one every `anomalyEverySeconds` of real time (default 30). */
	anomalies?: boolean;
	anomalyEverySeconds?: number;
	seed?: number;
	/** Prefix of payment ids, unique per run so runs do not collide. */
	runId: string;
}

export interface FeedBatch {
	kind: 'payment';
	records: DemoPayment[];
	/** Which anomaly the batch carries, if any (for logs and tests). */
	anomaly?: Anomaly;
}

export class DemoFeed {
	private readonly rng: Random;
	private readonly cities = new Map<
		number,
		{ city: DemoCity; lines: DemoPlanLine[]; unitName: Map<string, string> }
	>();
	private seq = 0;
	private readonly recent: DemoPayment[] = [];
	private anomalyIndex = 0;
	private sinceAnomaly = 0;
	private gapUntil = 0;

	constructor(private readonly options: DemoFeedOptions) {
		this.rng = new Random(options.seed ?? Date.now() & 0x7fffffff);
	}

	/** Whether the feed is in a simulated silence at `simNow`. */
	silentAt(simNow: Date): boolean {
		return simNow.getTime() < this.gapUntil;
	}

	/** The batches for the simulated span [from, to), which took `realSeconds` of real time. */
	next(from: Date, to: Date, realSeconds: number): FeedBatch[] {
		const batches: FeedBatch[] = [];
		const span = to.getTime() - from.getTime();
		if (span <= 0) return batches;
		if (this.options.anomalies) {
			this.sinceAnomaly += realSeconds;
			if (this.sinceAnomaly >= (this.options.anomalyEverySeconds ?? 30)) {
				this.sinceAnomaly = 0;
				const anomaly = ANOMALIES[this.anomalyIndex++ % ANOMALIES.length];
				const batch = this.anomaly(anomaly, to);
				if (batch) batches.push(batch);
			}
		}
		if (this.silentAt(from)) return batches;
		const expected = Math.min(
			(span / 1000) * BASE_RATE,
			(this.options.maxPerSecond ?? 2000) * realSeconds
		);
		const count = Math.max(0, Math.round(expected * (0.5 + this.rng.next())));
		if (count === 0) return batches;
		const times = Array.from(
			{ length: count },
			() => from.getTime() + Math.floor(this.rng.next() * span)
		).sort((a, b) => a - b);
		const records = times.map((t) => this.payment(new Date(t)));
		for (let i = 0; i < records.length; i += 1000)
			batches.push({ kind: 'payment', records: records.slice(i, i + 1000) });
		return batches;
	}

	private cityOf(at: Date) {
		const year = fiscalYearOf(at, this.options.tz);
		let c = this.cities.get(year);
		if (!c) {
			const city = buildDemoCity(year);
			c = {
				city,
				lines: liveFeedLines(city),
				unitName: new Map(city.units.map((u) => [u.code, u.name]))
			};
			this.cities.set(year, c);
		}
		return c;
	}

	private payment(at: Date): DemoPayment {
		const { lines, unitName } = this.cityOf(at);
		const line = this.rng.weighted(lines, (l) => Number(l.amount / 1_000_000n) + 1);
		const p = livePayment(line, this.rng, `SIM-${this.options.runId}-${++this.seq}`, at, unitName);
		this.recent.push(p);
		if (this.recent.length > 50) this.recent.shift();
		return p;
	}

	private anomaly(kind: Anomaly, at: Date): FeedBatch | undefined {
		const one = (records: DemoPayment[]): FeedBatch => ({
			kind: 'payment',
			records,
			anomaly: kind
		});
		const base = this.recent.length > 0 ? this.rng.pick(this.recent) : this.payment(at);
		const id = () => `SIM-${this.options.runId}-${++this.seq}`;
		switch (kind) {
			case 'refund':
				return one([
					{
						...base,
						id: id(),
						paidAt: at.toISOString(),
						amount: negate(base.amount),
						purpose: `退回${base.purpose}（退款）`
					}
				]);
			case 'late-correction': {
				// A correction of last month's payment that arrives only now, dated back to then.
				const back = new Date(at.getTime() - 35 * 86_400_000);
				return one([
					{
						...base,
						id: id(),
						paidAt: back.toISOString(),
						amount: negate(base.amount),
						purpose: `更正${base.purpose}（迟到更正）`
					}
				]);
			}
			case 'unknown-dept':
				return one([
					{ ...this.payment(at), deptCode: UNKNOWN_DEPT, agencyCode: `${UNKNOWN_DEPT}001` }
				]);
			case 'unknown-func':
				return one([{ ...this.payment(at), funcCode: UNKNOWN_FUNC }]);
			case 'duplicate':
				return one([{ ...base }]);
			case 'conflict':
				return one([{ ...base, amount: fenToYuan(yuanToFen(base.amount) + 10_000n) }]);
			case 'large': {
				const p = this.payment(at);
				return one([
					{
						...p,
						amount: fenToYuan(5_000_000_000n + BigInt(this.rng.int(1, 3_000_000_00)) * 10n),
						payType: 'direct',
						purpose: `${p.purpose}工程进度款（大额）`
					}
				]);
			}
			case 'gap':
				this.gapUntil = at.getTime() + GAP_MS;
				return undefined;
		}
	}
}

function negate(amount: string): string {
	return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
