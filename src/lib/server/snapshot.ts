// Consistent reads for pages: one read-only snapshot together with the live sequence it includes,
// and how fresh the feeds are.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import { db } from './runtime';
import type { FeedFreshness } from '../domain/feed';

export type { FeedFreshness };

/** No parallel workers and no JIT for the current transaction (select-list items). */
const PAGE_QUERY_SETTINGS = sql`set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`;

/**
 * Runs `read` in one read-only repeatable-read snapshot; `seq` is the newest live event it includes.
 * Page queries read a few thousand rows: starting parallel workers or JIT costs more than it saves
 * (measured: a 2 ms rollup read took 100 ms with two workers on a busy server), so both are off —
 * in the same round trip as the sequence (a live view's recomputation waits for each one).
 */
export async function snapshot<T>(read: (tx: Executor, seq: number) => Promise<T>): Promise<T> {
	return db().transaction(
		async (tx) => {
			const [r] = await rows<{ seq: number }>(
				tx,
				sql`select ${PAGE_QUERY_SETTINGS}, (select coalesce(max(seq), 0)::int from live_event) as seq`
			);
			return read(tx, r.seq);
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

/** For the current transaction: no parallel workers, no JIT (see snapshot). */
export async function pageQuerySettings(tx: Executor): Promise<void> {
	await tx.execute(sql`select ${PAGE_QUERY_SETTINGS}`);
}

export async function latestSeq(ex: Executor): Promise<number> {
	const [r] = await rows<{ seq: number }>(
		ex,
		sql`select coalesce(max(seq), 0)::int as seq from live_event`
	);
	return r.seq;
}

/** When a source (record kind) last delivered, ISO instants. */
export async function feedFreshness(ex: Executor, source: string): Promise<FeedFreshness> {
	const [r] = await rows<{ last_received_at: string | null; last_record_at: string | null }>(
		ex,
		sql`select to_char(last_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_received_at,
			to_char(last_record_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_record_at
			from feed_status where source = ${source}`
	);
	return { lastReceivedAt: r?.last_received_at ?? null, lastRecordAt: r?.last_record_at ?? null };
}
