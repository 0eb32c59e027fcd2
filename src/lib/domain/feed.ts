/**
 * Feed freshness: when each source (record kind) last delivered, and when it counts as stale — the
 * system must know when it is blind. Pure; shared by the pages, the staff feed page and the tests.
 */

/** How long a source may stay silent before pages call it stale (the 数据中断 notice level); none for sources that arrive a few times a year. */
export const STALE_AFTER_HOURS: Readonly<Record<string, number>> = { payment: 4, revenue: 24 };

export interface FeedFreshness {
	/** When the app last received a batch from the source (ISO instant). */
	lastReceivedAt: string | null;
	/** The business time of the newest record stored (a payment's paidAt), ISO instant. */
	lastRecordAt: string | null;
}

/** The `feed` live event's payload. */
export interface FeedChange {
	source: string;
	receivedAt: string;
	records: number;
	lastRecordAt: string | null;
}

/** True when the source has an expected rhythm and has been silent longer than it. */
export function isStale(
	source: string,
	lastReceivedAt: string | null,
	now: Date = new Date()
): boolean {
	const hours = STALE_AFTER_HOURS[source];
	if (hours === undefined || lastReceivedAt === null) return false;
	return now.getTime() - new Date(lastReceivedAt).getTime() > hours * 3_600_000;
}

/** What a freshness line says of its source: nothing received yet, current, or silent too long. */
export type FreshnessState = 'never' | 'fresh' | 'stale';

export function freshnessState(
	source: string,
	lastReceivedAt: string | null,
	now: Date = new Date()
): FreshnessState {
	if (lastReceivedAt === null) return 'never';
	return isStale(source, lastReceivedAt, now) ? 'stale' : 'fresh';
}

/**
 * The news a screen reader is given when a freshness line's state changes: the feed went quiet
 * (`stale`), came back (`resumed`) or delivered for the first time (`started`); null when the state
 * is the same, so the ticking time and each new batch of a healthy feed are not read out again.
 */
export function freshnessNews(
	from: FreshnessState,
	to: FreshnessState
): 'stale' | 'resumed' | 'started' | null {
	if (from === to) return null;
	if (to === 'stale') return 'stale';
	if (to === 'fresh') return from === 'stale' ? 'resumed' : 'started';
	return null;
}

/** Freshness after a live `feed` event: the later of each instant wins (events may overtake a page load). */
export function withFeedChange(
	f: FeedFreshness,
	change: { receivedAt: string | null; lastRecordAt: string | null }
): FeedFreshness {
	const later = (a: string | null, b: string | null) =>
		a === null ? b : b === null ? a : new Date(b) > new Date(a) ? b : a;
	return {
		lastReceivedAt: later(f.lastReceivedAt, change.receivedAt),
		lastRecordAt: later(f.lastRecordAt, change.lastRecordAt)
	};
}
