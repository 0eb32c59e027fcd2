/**
 * Instants from the text finance systems write: ISO 8601 with or without an offset; without one it
 * is wall-clock time in the fiscal zone. Apart from fiscal.ts so that pages, which never parse
 * feed timestamps, do not load the zone library (@date-fns/tz) for it.
 */
import { TZDate } from '@date-fns/tz';
import { DEFAULT_FISCAL_TZ } from './fiscal';
import { daysInMonth } from './calendar';

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface ParsedInstant {
	instant: Date;
	/** True when the text carried its own offset (or Z); false when it was fiscal-zone local time. */
	hasOffset: boolean;
}

/**
 * Parses an ISO 8601 date-time. Without an offset it is local time in `tz`.
 * Returns null for malformed text and impossible dates (2026-02-30, 24:61).
 */
export function parseInstant(text: string, tz: string = DEFAULT_FISCAL_TZ): ParsedInstant | null {
	const m = ISO.exec(text.trim());
	if (!m) return null;
	const [y, mo, d, h = '0', mi = '0', s = '0'] = m
		.slice(1, 7)
		.map((v) => v ?? undefined) as string[];
	const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	const offset = m[8];
	if (offset) {
		let offsetMinutes = 0;
		if (offset !== 'Z') {
			const sign = offset[0] === '-' ? -1 : 1;
			const digits = offset.slice(1).replace(':', '');
			const oh = Number(digits.slice(0, 2));
			const om = Number(digits.slice(2, 4));
			if (oh > 18 || om > 59) return null;
			offsetMinutes = sign * (oh * 60 + om);
		}
		const utc = utcTime(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
		return { instant: new Date(utc), hasOffset: true };
	}
	// Date and TZDate read years 0–99 as 1900–1999; a year that far back is read 400 years (one
	// Gregorian cycle, the same calendar) later and moved back, so every year is the one written.
	const shift = year < 100 ? 400 : 0;
	const local = new TZDate(year + shift, month - 1, day, hour, minute, second, ms, tz);
	return { instant: new Date(local.getTime() - (shift ? CYCLE_MS : 0)), hasOffset: false };
}

/** 400 Gregorian years, in milliseconds (146,097 days). */
const CYCLE_MS = 146_097 * 86_400_000;

/** Date.UTC with the year as written (Date.UTC reads 0–99 as 1900–1999). */
function utcTime(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	ms: number
): number {
	const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
	d.setUTCFullYear(year, month - 1, day);
	return d.getTime();
}
