/**
 * How large a raw record is against the contract's limit for one record, measured cheaply for the
 * common flat record, and what quarantine keeps of a record too large to keep whole.
 */
import { MAX_RECORD_BYTES } from '../../domain/records';

/**
 * The JSON size of a record, or a bound on it when that is clearly under the limit: a flat record's
 * JSON is at most 6 bytes per character of its keys and strings (\u00XX escapes) plus punctuation,
 * so the common record skips the exact (stringify) measure.
 */
export function jsonSize(raw: unknown): number {
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
		let bound = 2;
		let flat = true;
		for (const key in raw) {
			const v = (raw as Record<string, unknown>)[key];
			if (typeof v === 'string') bound += 6 * (key.length + v.length) + 6;
			else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
				bound += 6 * key.length + 30;
			else {
				flat = false;
				break;
			}
		}
		if (flat && bound <= MAX_RECORD_BYTES) return bound;
	}
	return exactJsonSize(raw);
}

function exactJsonSize(raw: unknown): number {
	try {
		return Buffer.byteLength(JSON.stringify(raw) ?? '');
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** A record too large to keep whole keeps its first 16 KiB as text, so the reason stays visible. */
export function truncatedRaw(raw: unknown): unknown {
	let text: string;
	try {
		text = JSON.stringify(raw) ?? String(raw);
	} catch {
		text = String(raw);
	}
	return { truncated: true, bytes: Buffer.byteLength(text), head: text.slice(0, MAX_RECORD_BYTES) };
}
