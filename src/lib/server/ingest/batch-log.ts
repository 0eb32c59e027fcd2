/**
 * The ingest_batch table: one row per batch committed, with its ack. It makes a batchId
 * idempotent (a re-sent batch gets its stored ack) and is the feed page's list of batches.
 */
import { sql, type SQL } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import type { IngestAck, RecordKind } from '../../domain/records';
import { storableJson } from './quarantine';

/** The acks already given for these batch ids, by batch id. */
export async function storedAcks(
	tx: Executor,
	batchIds: string[]
): Promise<Map<string, IngestAck>> {
	const prior = await rows<{ batch_id: string; ack: IngestAck }>(
		tx,
		sql`select batch_id, ack from ingest_batch where batch_id = ${anyText(batchIds)}`
	);
	return new Map(prior.map((r) => [r.batch_id, r.ack]));
}

export interface BatchLogRow {
	batch_id: string;
	record_count: number;
	rejected_count: number;
	ack: IngestAck;
	duration_ms: number;
}

/**
 * The statement that records the batches of a group (one kind, one source), run in the group's
 * transaction: alone, or as a CTE of the feed status's upsert (one statement less a group).
 */
export function logBatchesStatement(
	kind: RecordKind,
	source: string,
	batchRows: BatchLogRow[]
): SQL {
	return sql`insert into ingest_batch (batch_id, kind, source, record_count, accepted, duplicates,
			rejected_count, ack, duration_ms)
		select batch_id, ${kind}, ${source}, record_count, (ack->>'accepted')::int, (ack->>'duplicates')::int,
			rejected_count, ack, duration_ms
		from jsonb_to_recordset(${storableJson(batchRows)}::jsonb)
			as x(batch_id text, record_count int, rejected_count int, ack jsonb, duration_ms int)`;
}
