/**
 * Cell values as spreadsheets write them → the contract's wire form. Only unambiguous rewrites
 * (thousands separators, `2026/3/5 9:30`, Chinese enum words); anything else is sent as it is and
 * the server's one schema per kind decides, so a bad value is quarantined with the server's reason.
 */
import type { HeaderMap } from './headers';

/** `1,234.50` → `1234.50`, `¥ 1,234.50 元` → `1234.50`, `(1,234.50)` → `-1234.50`; otherwise unchanged. */
export function normaliseAmount(value: string): string {
	let s = value
		.trim()
		.replace(/^[¥￥]\s*/, '')
		.replace(/\s*元$/, '');
	let negative = false;
	const paren = /^\((.*)\)$/.exec(s);
	if (paren) {
		negative = true;
		s = paren[1].trim();
	}
	if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replaceAll(',', '');
	if (!/^[+-]?\d+(\.\d*)?$/.test(s)) return value.trim();
	s = s.replace(/^\+/, '');
	return negative ? (s.startsWith('-') ? s.slice(1) : `-${s}`) : s;
}

const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * `2026/3/5`, `2026-3-5 9:30`, `2026年3月5日` → ISO 8601 without offset (fiscal-zone local time,
 * as the contract reads it). ISO text, with or without offset, passes through.
 */
export function normaliseDateTime(value: string): string {
	const s = value.trim();
	const m =
		/^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
			s
		);
	if (!m) return s;
	const [, y, mo, d, h, mi, sec] = m;
	const date = `${y}-${pad(mo)}-${pad(d)}`;
	return h === undefined ? date : `${date}T${pad(h)}:${mi}:${sec ?? '00'}`;
}

/** A spreadsheet date (exceljs gives wall-clock time as UTC fields) → ISO local, no offset. */
export function excelDateText(d: Date): string {
	const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return date;
	return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DATE_FIELDS = new Set(['paidAt', 'collectedAt', 'effectiveOn']);
const AMOUNT_FIELDS = new Set(['amount']);

/** One cell → the wire value of its field; empty cells are left out (optional fields stay absent). */
export function normaliseCell(field: string, value: unknown, map: HeaderMap): unknown {
	if (value === null || value === undefined) return undefined;
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? String(value) : excelDateText(value);
	// Numbers from spreadsheets go out as text: shortest round-trip form, never summed here.
	if (typeof value === 'number') return field === 'year' ? value : String(value);
	const text = String(value).trim();
	if (text === '') return undefined;
	if (AMOUNT_FIELDS.has(field) || field.startsWith('figures.')) return normaliseAmount(text);
	if (DATE_FIELDS.has(field)) return normaliseDateTime(text);
	const words = map.values[field];
	if (words && Object.hasOwn(words, text)) return words[text];
	return text;
}

/** Cells of one row (by column) → a record object; `figures.X` columns nest under `figures`. */
export function rowToRecord(
	fields: (string | null)[],
	cells: unknown[],
	map: HeaderMap
): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	fields.forEach((field, i) => {
		if (!field) return;
		const v = normaliseCell(field, cells[i], map);
		if (v === undefined) return;
		if (field.startsWith('figures.')) {
			const figures = (record.figures ??= {}) as Record<string, unknown>;
			figures[field.slice(8)] = v;
		} else record[field] = v;
	});
	return record;
}
