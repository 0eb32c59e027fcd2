/**
 * The door of ingest: one batch in, one acknowledgement out. The batch is validated, then stored in
 * one transaction (records, rollups, quarantine, feed status, live events: group-commit.ts) by the
 * database's writer (writer.ts); the ack is returned only after commit. Re-sending a batchId returns
 * the stored ack and stores nothing twice. The socket handler, POST /api/ingest, staff corrections
 * and the demo seed all come in here.
 */
import type { Database } from '../../../../db/client';
import {
	parseEnvelope,
	type IngestAck,
	type IngestError,
	type IngestRequest,
	type PaymentRecord
} from '../../domain/records';
import { commitGroup } from './group-commit';
import { preparePayments } from './payments';
import { ResubmissionRejected } from './resubmission';
import { storesKind } from './stores';
import type { IngestOptions, Item } from './types';
import { validateRecords } from './validate';
import { writerOf } from './writer';

export type { IngestOptions, Resubmission } from './types';
export { LIVE_BATCH_RECORDS, MAX_GROUP_RECORDS, waitingBatches } from './writer';

export type IngestOutcome =
	{ ok: true; ack: IngestAck } | { ok: false; status: 400 | 413 | 503; error: IngestError };

/** Validates the envelope, then ingests. Used by the socket handler and the HTTP endpoint alike. */
export async function ingest(
	database: Database,
	body: unknown,
	options: IngestOptions
): Promise<IngestOutcome> {
	const envelope = parseEnvelope(body);
	if (!envelope.ok)
		return {
			ok: false,
			status: envelope.tooLarge ? 413 : 400,
			error: { batchId: envelope.batchId ?? '', error: envelope.error }
		};
	try {
		return { ok: true, ack: await ingestBatch(database, envelope.request, options) };
	} catch (err) {
		if (err instanceof ResubmissionRejected) return { ok: true, ack: err.ack };
		// The database's own words (a failed query's cause), not the statement and its parameters.
		const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
		console.error(`[ingest] batch ${envelope.request.batchId} failed, nothing stored:`, reason);
		return {
			ok: false,
			status: 503,
			error: { batchId: envelope.request.batchId, error: `not stored, retry later: ${reason}` }
		};
	}
}

/**
 * Validates a batch (and prepares payments: hashes, SQL input) and hands it to the database's writer,
 * which commits it, alone or with payment batches that wait beside it, then returns its ack.
 */
export async function ingestBatch(
	database: Database,
	request: IngestRequest,
	options: IngestOptions
): Promise<IngestAck> {
	const started = performance.now();
	const { batchId, kind } = request;
	const writer = writerOf(database, commitGroup);
	// Validation yields to the event loop; the source's batches still reach the writer in the order they arrived.
	const place = writer.arrive(options.source);
	let acked: Promise<IngestAck>;
	try {
		const { valid, invalid } = await validateRecords(request, options.tz, options.now?.());
		if (!storesKind(kind)) throw new Error(`kind ${kind} is not supported by this server yet`);
		// The CPU work on payments happens here, before the batch waits for the writer, so it overlaps
		// the database work of the batches ahead of it.
		const payments =
			kind === 'payment'
				? await preparePayments(batchId, valid as Item<PaymentRecord>[])
				: undefined;
		await place.turn;
		acked = writer.submit({ request, options, started, valid, invalid, payments });
	} finally {
		place.leave(); // queued (or failed): the source's next batch may follow
	}
	return acked;
}
