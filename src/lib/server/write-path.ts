/**
 * The one way the server changes what pages show. A change runs in one transaction that holds the
 * commit-order lock; the live events it produces are appended to the event log in that transaction
 * and published to sockets only after the commit (the database, not the socket, is the source of
 * truth). Ingest, the alert workflow, rule changes, periodic evaluation and quarantine work all
 * commit through here.
 *
 * Usage:
 *   const result = await commitChange(database.db, live, async (tx) => {
 *     await tx.update(...);
 *     return { result: 'done', events: [{ topic: 'plan', audience: 'all', payload: { years: [2026] } }] };
 *   });
 */
import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../db/client';
import type { LiveEvent } from '../live/events';
import type { LiveHub } from './runtime';

/**
 * One writer at a time across all app servers (a transaction-scoped advisory lock): commit order is
 * the event log's seq order, and two evaluations of the alert rules never reconcile the same alerts
 * at once.
 */
export const COMMIT_ORDER_LOCK = 7_042_302;

/** A live event before the log gives it its seq and time. */
export type NewLiveEvent = Omit<LiveEvent, 'seq' | 'at'>;

/** A transaction of the database (what `db.transaction` hands its callback). */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What a change returns: its result for the caller and the live events that tell open pages. */
export interface Change<T> {
	result: T;
	events?: NewLiveEvent[];
}

/**
 * Runs `change` in a transaction under the commit-order lock, records its events in the same
 * transaction and publishes them after the commit. A throw rolls everything back and publishes nothing.
 */
export async function commitChange<T>(
	db: Db,
	live: LiveHub | undefined,
	change: (tx: Transaction) => Promise<Change<T>>
): Promise<T> {
	let committed: LiveEvent[] = [];
	const result = await db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${COMMIT_ORDER_LOCK})`);
		const done = await change(tx);
		committed = await recordEvents(tx, done.events ?? []);
		return done.result;
	});
	if (committed.length > 0) live?.publish(committed);
	return result;
}

/** Appends live events in the caller's transaction; seq order is commit order under the lock. */
async function recordEvents(tx: Executor, events: NewLiveEvent[]): Promise<LiveEvent[]> {
	if (events.length === 0) return [];
	const input = events.map((e, ord) => ({
		ord,
		topic: e.topic,
		audience: e.audience,
		payload: e.payload
	}));
	const stored = await rows<{ seq: number }>(
		tx,
		sql`insert into live_event (topic, audience, payload)
			select topic, audience, payload
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(ord int, topic text, audience text, payload jsonb)
			order by ord
			returning seq::int as seq`
	);
	const at = new Date().toISOString();
	return events.map((e, i) => ({ ...e, seq: Number(stored[i].seq), at }) as LiveEvent);
}
