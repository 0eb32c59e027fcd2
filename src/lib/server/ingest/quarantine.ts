/**
 * Quarantine: nothing a sender sent is lost. A rejected record is kept with its raw content and
 * the reason, for staff to correct and re-submit or to discard (src/lib/server/feed.ts).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client';
import type { RecordKind } from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import type { Rejection } from './types';

/** Keeps a batch's rejected records (invalid ones and id conflicts) in quarantine. */
export async function quarantine(
	tx: Executor,
	batchId: string,
	kind: RecordKind,
	rejected: (Rejection & { raw: unknown })[]
) {
	if (rejected.length === 0) return;
	const input = rejected.map((r) => ({
		record_index: r.index,
		record_id: r.id ?? null,
		raw: r.raw === undefined ? null : r.raw,
		reason: r.reason
	}));
	await tx.execute(sql`insert into quarantine (batch_id, kind, record_index, record_id, raw, reason)
		select ${batchId}, ${kind}, record_index, record_id, raw, reason
		from jsonb_to_recordset(${storableJson(input)}::jsonb) as x(record_index int, record_id text, raw jsonb, reason text)`);
}

/**
 * The live event that tells staff pages a batch left records in quarantine. Conflicts are a
 * data-quality signal of their own: the alert engine reads them from quarantine.
 */
export function quarantinedEvent(
	batchId: string,
	rejected: Rejection[]
): Omit<LiveEvent<'quarantine'>, 'seq' | 'at'> {
	const conflicts = rejected.filter((r) => r.reason.startsWith('conflict:')).length;
	return {
		topic: 'quarantine',
		audience: 'staff',
		payload: { batchId, count: rejected.length, conflicts }
	};
}

/**
 * PostgreSQL's jsonb cannot hold U+0000 or a lone surrogate; quarantine keeps them visibly as the
 * text "\u0000" / "\ud800" instead of failing the batch.
 */
export function storableJson(value: unknown): string {
	return JSON.stringify(value).replace(/\\u(0000|d[89a-f][0-9a-f]{2})/gi, '\\\\u$1');
}
