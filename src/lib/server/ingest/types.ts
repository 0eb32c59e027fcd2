import type { Executor } from '../../../../db/client';
import type { LiveEvent } from '../../live/events';
import type { IngestAck } from '../../domain/records';

export type Rejection = IngestAck['rejected'][number];

/** One validated record with its position in the batch and its raw form (kept if it is quarantined). */
export interface Item<T> {
	index: number;
	record: T;
	raw: unknown;
}

export interface StoreContext {
	tx: Executor;
	batchId: string;
	tz: string;
}

export interface StoreResult {
	accepted: number;
	duplicates: number;
	/** Valid records that still could not be stored (id conflicts); they go to quarantine. */
	rejected: (Rejection & { raw: unknown })[];
	/** Live events to record in the same transaction (seq and time are assigned there). */
	events: Omit<LiveEvent, 'seq' | 'at'>[];
	/** Latest business time among the stored records, for the feed status. */
	lastRecordAt?: Date;
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
