// What the worker reads off a row's record before sending it: its kind, and the id reports name it by.
import { RECORD_KINDS, type RecordKind } from '../../src/lib/domain/records';
import { isRecordKind } from './headers';

/**
 * A record's kind: its own `kind` field (taken off the record), else the document's, else the
 * --kind option, else the one its columns make plain (`columnsKind`), else the file name's; or why
 * it has none.
 */
export function kindOf(
	record: unknown,
	docKind: string | undefined,
	optionKind: RecordKind | undefined,
	nameKind: RecordKind | undefined,
	columnsKind?: RecordKind
): { ok: true; kind: RecordKind; record: unknown } | { ok: false; reason: string } {
	if (record && typeof record === 'object' && !Array.isArray(record) && 'kind' in record) {
		const { kind, ...rest } = record as Record<string, unknown>;
		if (isRecordKind(kind)) return { ok: true, kind, record: rest };
		if (kind !== undefined && kind !== '')
			return {
				ok: false,
				reason: `kind: must be one of ${RECORD_KINDS.join(', ')}, got ${JSON.stringify(kind)}`
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
	const kind = optionKind ?? columnsKind ?? nameKind;
	if (kind) return { ok: true, kind, record };
	return {
		ok: false,
		reason:
			'kind: unknown — add a kind column, name the file after its kind (payment-….csv, 支付….csv) or pass --kind'
	};
}

/**
 * The kind a file's columns make plain (after the header map: the contract's field names), or
 * undefined: payments have a payment date and an amount (支付日期, 支付金额), collections a
 * collection date and an amount, plan lines a year, a stage and an amount, asset reports an
 * entity and a period, units a code and a name and nothing of the others.
 */
export function kindFromColumns(fields: Iterable<string>): RecordKind | undefined {
	const has = new Set(fields);
	if (has.has('paidAt') && has.has('amount')) return 'payment';
	if (has.has('collectedAt') && has.has('amount')) return 'revenue';
	if (has.has('stage') && has.has('year') && has.has('amount')) return 'plan';
	if (has.has('entityCode') && has.has('period')) return 'asset';
	if (
		has.has('code') &&
		has.has('name') &&
		has.size <= 3 &&
		(has.size === 2 || has.has('parentCode'))
	)
		return 'unit';
	return undefined;
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
