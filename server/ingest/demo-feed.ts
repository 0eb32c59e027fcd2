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
	liveLineWeight,
	paceSegments,
	PAYMENTS_PER_WORKING_DAY,
	type PaceSegment,
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
/** A long silence lasts this much simulated time (longer than the 4-working-hour stale threshold). */
const GAP_MS = 5 * 3600_000;

export interface DemoFeedOptions {
	tz: string;
	/** Simulated seconds per real second (1 = real time; 52_560 = a year in ten minutes). */
	speed: number;
	/** Most payments per real second, however fast the clock runs. */
	maxPerSecond?: number;
	/**
	 * Times the city's rhythm (default 1: about 1,200 payments a working day, in office hours, few
	 * at weekends; src/lib/demo/calendar.ts). Tests that need payments at any hour raise it.
	 */
	pace?: number;
	/** Spread the day's payments over all 24 hours of every day (tests that run at any hour). */
	allHours?: boolean;
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
	private readonly cities = new Map<number, { city: DemoCity; lines: DemoPlanLine[] }>();
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
		const segments = paceSegments(
			from.getTime(),
			to.getTime(),
			PAYMENTS_PER_WORKING_DAY * (this.options.pace ?? 1),
			this.options.allHours
		);
		const due = segments.reduce((sum, g) => sum + g.expected, 0);
		const expected = Math.min(due, (this.options.maxPerSecond ?? 2000) * realSeconds);
		// Whole payments, rounded at random so that a fraction a tick still adds up over time.
		const count = Math.floor(expected) + (this.rng.next() < expected % 1 ? 1 : 0);
		if (count === 0) return batches;
		const times = Array.from({ length: count }, () => this.timeIn(segments, due)).sort(
			(a, b) => a - b
		);
		const records = times.map((t) => this.payment(new Date(t)));
		for (let i = 0; i < records.length; i += 1000)
			batches.push({ kind: 'payment', records: records.slice(i, i + 1000) });
		return batches;
	}

	/** A moment in the segments, drawn in proportion to their expected payments. */
	private timeIn(segments: PaceSegment[], due: number): number {
		let x = this.rng.next() * due;
		for (const g of segments) {
			if (x < g.expected) return g.from + Math.floor((x / g.expected) * (g.to - g.from));
			x -= g.expected;
		}
		const last = segments[segments.length - 1];
		return last.to - 1;
	}

	private cityOf(at: Date) {
		const year = fiscalYearOf(at, this.options.tz);
		let c = this.cities.get(year);
		if (!c) {
			const city = buildDemoCity(year);
			c = {
				city,
				lines: liveFeedLines(city)
			};
			this.cities.set(year, c);
		}
		return c;
	}

	private payment(at: Date): DemoPayment {
		const { lines } = this.cityOf(at);
		const line = this.rng.weighted(lines, liveLineWeight);
		const p = livePayment(line, this.rng, `SIM-${this.options.runId}-${++this.seq}`, at);
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
