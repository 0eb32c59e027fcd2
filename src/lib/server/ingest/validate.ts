// A batch's records checked one by one: each is valid (typed) or rejected with its reason.
import {
	MAX_RECORD_BYTES,
	rawRecordId,
	validateRecord,
	type IngestRequest,
	type RecordByKind,
	type RecordKind
} from '../../domain/records';
import { jsonSize, truncatedRaw } from './record-size';
import { forEachInSlices } from './slices';
import type { Item, Rejection } from './types';

export interface ValidatedRecords {
	valid: Item<RecordByKind[RecordKind]>[];
	/** Rejected records with their raw form, which quarantine keeps (truncated when too large). */
	invalid: (Rejection & { raw: unknown })[];
}

/**
 * Validates every record of a batch against its kind's schema, after the size limit for one record;
 * in slices, so a large batch lets the event loop (the writer's I/O, live sockets) turn meanwhile.
 */
export async function validateRecords(
	request: IngestRequest,
	tz: string
): Promise<ValidatedRecords> {
	const { kind } = request;
	const valid: Item<RecordByKind[RecordKind]>[] = [];
	const invalid: (Rejection & { raw: unknown })[] = [];
	await forEachInSlices(request.records.length, (index) => {
		const raw = request.records[index];
		const size = jsonSize(raw);
		if (size > MAX_RECORD_BYTES) {
			invalid.push({
				index,
				id: rawRecordId(raw),
				reason: `record: ${size} bytes is over the ${MAX_RECORD_BYTES}-byte limit for one record`,
				raw: truncatedRaw(raw)
			});
			return;
		}
		const result = validateRecord(kind, raw, tz);
		if (result.ok) valid.push({ index, record: result.record, raw });
		else invalid.push({ index, id: rawRecordId(raw), reason: result.reason, raw });
	});
	return { valid, invalid };
}
