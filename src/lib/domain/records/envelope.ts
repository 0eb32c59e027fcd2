// The ingest contract's envelope: a batch, its ack or error, and the limits of both transports.
import { RECORD_KINDS, type RecordKind } from './kinds';

/**
 * Limits, the same on both transports: a batch of more records or bytes is refused whole (HTTP 413,
 * socket ack `{ batchId, error }`; nothing stored, the sender splits it); a record over its limit is
 * rejected alone and kept in quarantine (truncated).
 */
export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
export const MAX_RECORD_BYTES = 16 * 1024;

/** The error for a batch over the byte limit. */
export function batchBytesError(bytes: number): string {
	return `batch: ${bytes} bytes is over the ${MAX_BATCH_BYTES}-byte limit for one batch; send fewer records per batch`;
}

/** The sender's id of a raw record, when it has a usable one (for quarantine and reports). */
export function rawRecordId(raw: unknown): string | undefined {
	if (raw && typeof raw === 'object' && 'id' in raw) {
		const id = (raw as { id: unknown }).id;
		if (typeof id === 'string' || typeof id === 'number') return printable(String(id));
	}
	if (raw && typeof raw === 'object' && 'code' in raw) {
		const code = (raw as { code: unknown }).code;
		if (typeof code === 'string') return printable(code);
	}
	return undefined;
}

/** A string cut to 100 characters that PostgreSQL text can hold (no NUL, no lone surrogates). */
function printable(text: string): string {
	return text.slice(0, 100).replaceAll('\u0000', '\uFFFD').toWellFormed();
}

export interface IngestRequest {
	batchId: string;
	kind: RecordKind;
	records: unknown[];
}

export interface IngestAck {
	batchId: string;
	accepted: number;
	duplicates: number;
	rejected: { index: number; id?: string; reason: string }[];
}

export interface IngestError {
	batchId: string;
	error: string;
}

/** Checks the envelope; returns the problem in words or the typed request. */
export function parseEnvelope(
	body: unknown
):
	| { ok: true; request: IngestRequest }
	| { ok: false; error: string; batchId?: string; tooLarge?: true } {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return { ok: false, error: 'body must be a JSON object' };
	const b = body as Record<string, unknown>;
	const batchId = typeof b.batchId === 'string' ? b.batchId : undefined;
	if (!batchId || !/^[\w.:@-]{1,200}$/.test(batchId))
		return { ok: false, error: 'batchId: must be 1–200 letters, digits or ._:@-' };
	if (typeof b.kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(b.kind))
		return { ok: false, batchId, error: `kind: must be one of ${RECORD_KINDS.join(', ')}` };
	if (!Array.isArray(b.records)) return { ok: false, batchId, error: 'records: must be an array' };
	if (b.records.length > MAX_BATCH_RECORDS)
		return {
			ok: false,
			batchId,
			tooLarge: true,
			error: `records: at most ${MAX_BATCH_RECORDS} records per batch, got ${b.records.length}; split the batch`
		};
	return { ok: true, request: { batchId, kind: b.kind as RecordKind, records: b.records } };
}
