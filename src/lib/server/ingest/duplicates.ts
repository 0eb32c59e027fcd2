/**
 * Idempotent records: the same id with the same content is a duplicate (no effect); the same id
 * with other content is a conflict (the first stays, the second goes to quarantine).
 */
import { sql } from 'drizzle-orm';
import { anyText, rows } from '../../../../db/client';
import type { NewLiveEvent } from '../write-path';
import type { Item, Rejection, StoreContext, StoreResult } from './types';

/** Tables whose rows carry the sender's id and a content hash. */
type IdTable = 'plan_record' | 'revenue' | 'asset_report' | 'audit_finding' | 'debt_record';

/**
 * Hashes a batch's records and settles their ids against those already stored in `table` (and
 * against repeats within the batch): the fresh records to insert, the duplicates, the conflicts.
 */
export async function partitionAgainstStored<T extends { id: string }>(
	ctx: StoreContext,
	items: Item<T>[],
	hashOf: (record: T) => string,
	table: IdTable,
	label: string
): Promise<{
	fresh: Item<T & { hash: string }>[];
	duplicates: number;
	conflicts: (Rejection & { raw: unknown })[];
}> {
	const hashed = items.map((item) => ({
		...item,
		record: { ...item.record, hash: hashOf(item.record) }
	}));
	const ids = [...new Set(items.map((i) => i.record.id))];
	const existing = new Map<string, string>();
	if (ids.length > 0) {
		const found = await rows<{ id: string; content_hash: string }>(
			ctx.tx,
			sql`select id, content_hash from ${sql.identifier(table)} where id = ${anyText(ids)}`
		);
		for (const r of found) existing.set(r.id, r.content_hash);
	}
	return partitionById(hashed, existing, label);
}

/**
 * Classifies records whose id may already exist: same id and hash → duplicate, different hash →
 * conflict (the first stays). Also collapses repeats within the batch. Returns the records to insert.
 */
export function partitionById<I extends Item<{ id: string; hash: string }>>(
	items: I[],
	existing: Map<string, string>,
	label: string
): { fresh: I[]; duplicates: number; conflicts: (Rejection & { raw: unknown })[] } {
	const seen = new Map(existing);
	const fresh: I[] = [];
	const conflicts: (Rejection & { raw: unknown })[] = [];
	let duplicates = 0;
	for (const item of items) {
		const { id, hash } = item.record;
		const prior = seen.get(id);
		if (prior === undefined) {
			seen.set(id, hash);
			fresh.push(item);
		} else if (prior === hash) {
			duplicates++;
		} else {
			conflicts.push(conflictOf(item, label));
		}
	}
	return { fresh, duplicates, conflicts };
}

/**
 * The quarantine entry of a record whose id is already stored with other content. The reason starts
 * with `conflict:` so the data-quality alert rule can tell conflicts from invalid records.
 */
export function conflictOf(
	item: Item<{ id: string }>,
	label: string
): Rejection & { raw: unknown } {
	return {
		index: item.index,
		id: item.record.id,
		reason: `conflict: id ${item.record.id} — ${label} already stored with different content; the first stays`,
		raw: item.raw
	};
}

/**
 * Stores a batch of records that carry ids (asset reports, debt records): settles them against the
 * stored ones, inserts the fresh ones with `insert` (which returns one row per record it stored; an
 * id stored meanwhile is skipped) and answers with the counts and the live events of what was stored.
 */
export async function storeById<T extends { id: string }, S>(
	ctx: StoreContext,
	items: Item<T>[],
	kind: { hashOf: (record: T) => string; table: IdTable; label: string },
	insert: (fresh: Item<T & { hash: string }>[]) => Promise<S[]>,
	eventsOf: (stored: S[]) => NewLiveEvent[]
): Promise<StoreResult> {
	const { fresh, duplicates, conflicts } = await partitionAgainstStored(
		ctx,
		items,
		kind.hashOf,
		kind.table,
		kind.label
	);
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };
	const stored = await insert(fresh);
	return {
		accepted: stored.length,
		duplicates: duplicates + (fresh.length - stored.length),
		rejected: conflicts,
		events: stored.length > 0 ? eventsOf(stored) : []
	};
}
