/**
 * Bulk loads, first half: staging. A bulk load (the worker's `--bulk`, for closed years) sends its
 * payments in batches like live ingest, but each batch is only validated, hashed and COPYed into
 * bulk_payment_stage, in one short transaction of its own that records the batch and its ack in
 * bulk_batch and quarantines its invalid records. Nothing staged is counted anywhere until the load
 * is committed (bulk-commit.ts), so a loader stopped midway leaves nothing half-counted, and a
 * re-sent batch gets its stored ack and stages nothing twice. Staging does not take the commit-order
 * lock: it never holds up live ingest.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../db/client';
import { copyInto } from '../../../../db/copy';
import { parseEnvelope, type IngestAck, type PaymentRecord } from '../../domain/records';
import type { BulkBatchRequest } from '../../ingest/events';
import { INPUT_COLUMNS, preparePayments } from './payments';
import { quarantine, storableJson } from './quarantine';
import type { IngestOptions, Item } from './types';
import { validateRecords } from './validate';

const LOAD_ID = /^[\w.:@-]{1,200}$/;

export type BulkBatchOutcome =
	| { ok: true; ack: IngestAck }
	| { ok: false; status: 400 | 409 | 503; error: { batchId: string; error: string } };

/** A bulk batch as sent (untrusted): its envelope, load and part checked; payments only. */
export function parseBulkBatch(
	body: unknown
): { ok: true; request: BulkBatchRequest } | { ok: false; batchId: string; error: string } {
	const envelope = parseEnvelope(body);
	if (!envelope.ok) return { ok: false, batchId: envelope.batchId ?? '', error: envelope.error };
	const { batchId } = envelope.request;
	const b = body as Record<string, unknown>;
	if (typeof b.load !== 'string' || !LOAD_ID.test(b.load))
		return { ok: false, batchId, error: 'load: must be 1–200 letters, digits or ._:@-' };
	if (!Number.isInteger(b.part) || (b.part as number) < 1 || (b.part as number) > 1e9)
		return { ok: false, batchId, error: 'part: must be a positive integer' };
	if (envelope.request.kind !== 'payment')
		return {
			ok: false,
			batchId,
			error: 'kind: a bulk load takes payments only; send other kinds as ordinary batches'
		};
	return { ok: true, request: { ...envelope.request, load: b.load, part: b.part as number } };
}

/** Stages one batch of a bulk load and answers with its ack (the stored one for a batch seen before). */
export async function stageBulkBatch(
	database: Database,
	body: unknown,
	options: Pick<IngestOptions, 'source' | 'tz' | 'now'>
): Promise<BulkBatchOutcome> {
	const parsed = parseBulkBatch(body);
	if (!parsed.ok) return { ok: false, status: 400, error: parsed };
	const { request } = parsed;
	const { batchId } = request;
	try {
		const before = await storedStageAck(database.db, batchId);
		if (before) return { ok: true, ack: before };
		if (await loadCommitted(database.db, request.load))
			return {
				ok: false,
				status: 409,
				error: { batchId, error: `load ${request.load} is already committed; start a new load` }
			};
		const { valid, invalid } = await validateRecords(request, options.tz, options.now?.());
		const prepared = await preparePayments(batchId, valid as Item<PaymentRecord>[]);
		const rejected = [...invalid, ...prepared.conflicts].sort((a, b) => a.index - b.index);
		const ack: IngestAck = {
			batchId,
			accepted: prepared.fresh.length,
			duplicates: prepared.duplicates,
			rejected: rejected.map(({ index, id, reason }) =>
				id === undefined ? { index, reason } : { index, id, reason }
			)
		};
		const stored = await database.db.transaction(async (tx) => {
			const [row] = await rows<{ ack: IngestAck }>(
				tx,
				sql`insert into bulk_batch (batch_id, load_id, part, source, record_count, staged, ack)
					values (${batchId}, ${request.load}, ${request.part}, ${options.source},
						${request.records.length}, ${prepared.fresh.length}, ${storableJson(ack)}::jsonb)
					on conflict (batch_id) do nothing
					returning ack`
			);
			// The same batch staged meanwhile by another connection: its ack stands.
			if (!row) return storedStageAck(tx, batchId);
			await copyInto(tx, 'bulk_payment_stage', INPUT_COLUMNS, prepared.input);
			await quarantine(tx, batchId, 'payment', rejected);
			return ack;
		});
		return { ok: true, ack: stored ?? ack };
	} catch (err) {
		const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
		console.error(`[ingest] bulk batch ${batchId} failed, nothing staged:`, reason);
		return {
			ok: false,
			status: 503,
			error: { batchId, error: `not staged, retry later: ${reason}` }
		};
	}
}

async function storedStageAck(ex: Executor, batchId: string): Promise<IngestAck | undefined> {
	const [row] = await rows<{ ack: IngestAck }>(
		ex,
		sql`select ack from bulk_batch where batch_id = ${batchId}`
	);
	return row?.ack;
}

async function loadCommitted(ex: Executor, load: string): Promise<boolean> {
	const [row] = await rows<{ done: boolean }>(
		ex,
		sql`select exists (select 1 from bulk_load where load_id = ${load}) as done`
	);
	return row.done;
}
