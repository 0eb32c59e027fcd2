/**
 * Live views: what a screen shows, computed once per change on each node and pushed to every socket
 * watching it (server/realtime/views.ts). Shared by the server, the browser and the benchmarks.
 *
 * A view is named by a `ViewKey` (what it shows); the server adds the audience (what the socket's role
 * may see) itself, so a client never names an audience. Its canonical string, e.g.
 * `overview:2026:general` or `overview:2026:general:2026-03-31`, is the `key` of every `LiveView`.
 *
 * Usage (any socket.io client of /live):
 *   socket.emit('watch', { view: 'overview', year: 2026, budgetKind: 'general' }, (reply) => …);
 *   socket.on('events', (events, pushes) => …); // a flush: its events, and its pushes of watched views
 *   socket.on('view', (view) => …); // a push on its own: a whole state; view.key === 'overview:2026:general'
 *   socket.on('viewDiff', (d) => …); // a push on its own: the difference from the state of revision d.base
 * (ViewClient, view-client.ts, does all of it: it applies the differences and resyncs on a gap.)
 */
import { isBudgetKind } from '../domain/budget-kinds';
import { isFiscalDate } from '../domain/calendar';
import type { JsonDiff } from './view-diff';
import { parseWallViewKey, wallViewKeyString, type WallViewKey } from '../wall/screens';

export type { WallViewKey };

/**
 * The overview of a year and budget kind. Without `asOf` the figures follow today (for a past year
 * its last day, for a future year its first), as the page does when its URL names no date.
 */
export interface OverviewViewKey {
	view: 'overview';
	year: number;
	budgetKind: string;
	asOf?: string;
}

/** Every kind of live view (a union, one member per kind; a wall screen's is in wall/screens.ts). */
export type ViewKey = OverviewViewKey | WallViewKey;

export type ViewName = ViewKey['view'];

/**
 * A computed view: `seq` is the newest live event its data includes; `rev`, the node's revision of
 * this state (from its cache, over the socket), is what a pushed difference names as its base.
 */
export interface LiveView<D = unknown> {
	key: string;
	seq: number;
	rev?: number;
	data: D;
}

/**
 * A push after the first state: the difference (view-diff.ts) from the state of revision `base` to
 * the state of revision `rev`, which includes the live events up to `seq`. A client holding another
 * revision (it missed a push, or reconnected) watches the view again to get the whole state. The
 * revision, not `seq`, names a state: the same events can give other figures on another day (an
 * as-of that follows today) or on another node.
 */
export interface LiveViewDiff {
	key: string;
	seq: number;
	rev: number;
	base: number;
	diff: JsonDiff;
}

/** A view's push: a whole state, or the difference from the state the watcher holds. */
export type ViewPush = LiveView | LiveViewDiff;

export const isViewDiff = (push: ViewPush): push is LiveViewDiff => 'diff' in push;

export type WatchReply<D = unknown> =
	{ ok: true; view: LiveView<D> } | { ok: false; error: string };

/** How many views one socket may watch at once. */
export const MAX_WATCHES_PER_SOCKET = 8;

export const MIN_VIEW_YEAR = 2000;
export const MAX_VIEW_YEAR = 2100;

/** The canonical string of a key: the same view always has the same string. */
export function viewKeyString(key: ViewKey): string {
	if (key.view === 'wall') return wallViewKeyString(key);
	const base = `${key.view}:${key.year}:${key.budgetKind}`;
	return key.asOf ? `${base}:${key.asOf}` : base;
}

/**
 * A key as sent by a client, checked: the known view kinds with their fields in range, nothing
 * else. Returns the normalised key, or the reason it is refused.
 */
export function parseViewKey(raw: unknown): { key: ViewKey } | { error: string } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return { error: 'key must be an object' };
	const r = raw as Record<string, unknown>;
	if (r.view === 'wall') return parseWallViewKey(r);
	if (r.view !== 'overview') return { error: 'view must be one of overview, wall' };
	const extra = Object.keys(r).filter((k) => !['view', 'year', 'budgetKind', 'asOf'].includes(k));
	if (extra.length > 0) return { error: `unknown field ${extra[0].slice(0, 40)}` };
	const year = r.year;
	if (
		typeof year !== 'number' ||
		!Number.isInteger(year) ||
		year < MIN_VIEW_YEAR ||
		year > MAX_VIEW_YEAR
	)
		return { error: `year must be a year between ${MIN_VIEW_YEAR} and ${MAX_VIEW_YEAR}` };
	if (!isBudgetKind(r.budgetKind)) return { error: 'budgetKind is not a budget kind' };
	if (r.asOf === undefined || r.asOf === null)
		return { key: { view: 'overview', year, budgetKind: r.budgetKind } };
	if (typeof r.asOf !== 'string' || !isFiscalDate(r.asOf) || Number(r.asOf.slice(0, 4)) !== year)
		return { error: `asOf must be a date in ${year} (YYYY-MM-DD)` };
	return { key: { view: 'overview', year, budgetKind: r.budgetKind, asOf: r.asOf } };
}
