// What the worker reads off a row's record before sending it: its kind, and the id reports name it by.
import type { RecordKind } from '../../src/lib/domain/records';
import { isRecordKind } from './headers';

/**
 * A record's kind: its own `kind` field (taken off the record), else the document's, else the
 * --kind option, else the file name's; or why it has none.
 */
export function kindOf(
	record: unknown,
	docKind: string | undefined,
	optionKind: RecordKind | undefined,
	nameKind: RecordKind | undefined
): { ok: true; kind: RecordKind; record: unknown } | { ok: false; reason: string } {
	if (record && typeof record === 'object' && !Array.isArray(record) && 'kind' in record) {
		const { kind, ...rest } = record as Record<string, unknown>;
		if (isRecordKind(kind)) return { ok: true, kind, record: rest };
		if (kind !== undefined && kind !== '')
			return {
				ok: false,
				reason: `kind: must be unit, plan, payment, revenue, asset or debt, got ${JSON.stringify(kind)}`
			};
		record = rest;
	}
	if (docKind !== undefined) {
		return isRecordKind(docKind)
			? { ok: true, kind: docKind, record }
			: {
					ok: false,
					reason: `kind: the document's kind ${JSON.stringify(docKind)} is not a record kind`
				};
	}
	const kind = optionKind ?? nameKind;
	if (kind) return { ok: true, kind, record };
	return {
		ok: false,
		reason:
			'kind: unknown — add a kind column, name the file after its kind (payment-….csv, 支付….csv) or pass --kind'
	};
}

/** The record's id (or a unit's code), as reports name it. */
export function idOf(record: unknown): string | undefined {
	if (record && typeof record === 'object') {
		const r = record as Record<string, unknown>;
		const id = r.id ?? r.code;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}
