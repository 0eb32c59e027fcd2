// A batch's records checked one by one: each is valid (typed) or rejected with its reason.
import {
	DATED_FIELDS,
	dateProblem,
	MAX_RECORD_BYTES,
	MAX_RECORD_DEPTH,
	recordDepthExceeds,
	shallowCopy,
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
 * Validates every record of a batch against its kind's schema, after the depth and size limits for
 * one record, then its date against the server's clock `now` (nothing dated in the future or before
 * 2000 is stored); in slices, so a large batch lets the event loop (the writer's I/O, live sockets)
 * turn meanwhile.
 */
export async function validateRecords(
	request: IngestRequest,
	tz: string,
	now: Date = new Date()
): Promise<ValidatedRecords> {
	const { kind } = request;
	const dated = (DATED_FIELDS as Partial<Record<RecordKind, string>>)[kind];
	const valid: Item<RecordByKind[RecordKind]>[] = [];
	const invalid: (Rejection & { raw: unknown })[] = [];
	await forEachInSlices(request.records.length, (index) => {
		const raw = request.records[index];
		if (recordDepthExceeds(raw)) {
			invalid.push({
				index,
				reason: `record: nested more than ${MAX_RECORD_DEPTH} levels deep; a record is a flat object of fields`,
				raw: shallowCopy(raw)
			});
			return;
		}
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
		const problem =
			result.ok && dated
				? dateProblem(
						dated,
						(result.record as unknown as Record<string, Date>)[dated],
						(raw as Record<string, unknown>)[dated],
						now,
						tz
					)
				: null;
		if (problem) invalid.push({ index, id: rawRecordId(raw), reason: problem, raw });
		else if (result.ok) valid.push({ index, record: result.record, raw });
		else invalid.push({ index, id: rawRecordId(raw), reason: result.reason, raw });
	});
	return { valid, invalid };
}
