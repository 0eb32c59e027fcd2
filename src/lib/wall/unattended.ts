/**
 * What a wall decides by itself, unattended (pure): whether its figures are stale and why, and which
 * live alert changes interrupt the rotation.
 */
import { isStale, type FeedFreshness } from '../domain/feed';
import type { AlertChange, LiveEvent } from '../live/events';

/** The connection may drop this long (a server restart, a blip) before the wall says it is stale. */
export const OFFLINE_GRACE_MS = 3_000;
/** How long a new severe alert stays on top of the rotation. */
export const SEVERE_SECONDS = 30;
/** Every screen's data is reloaded at least this often (a missed event, a new day, time progress). */
export const FULL_RELOAD_MS = 5 * 60_000;

export type Staleness =
	{ kind: 'offline'; since: Date } | { kind: 'feed'; lastRecordAt: string | null } | null;

export function staleness(s: {
	offlineSince: Date | null;
	source: string;
	feed: FeedFreshness;
	now: Date;
}): Staleness {
	if (s.offlineSince && s.now.getTime() - s.offlineSince.getTime() >= OFFLINE_GRACE_MS)
		return { kind: 'offline', since: s.offlineSince };
	if (isStale(s.source, s.feed.lastReceivedAt, s.now))
		return { kind: 'feed', lastRecordAt: s.feed.lastRecordAt };
	return null;
}

/** The ids of alerts that just became severe (opened severe or escalated to severe). */
export function severeArrivals(events: LiveEvent[]): number[] {
	return events.flatMap((e) =>
		e.topic === 'alerts'
			? (e.payload as { changes: AlertChange[] }).changes
					.filter(
						(c) =>
							c.level === 'severe' &&
							(c.change === 'opened' || c.change === 'escalated') &&
							(c.status === 'open' || c.status === 'acknowledged')
					)
					.map((c) => c.id)
			: []
	);
}
