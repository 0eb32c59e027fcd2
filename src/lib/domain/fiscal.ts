/**
 * The fiscal calendar: a payment's fiscal day, month and year are taken in the fiscal time zone
 * (Asia/Shanghai by default), never in UTC or the server's zone. The fiscal year is the calendar year.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { scaledToDecimal, divRound } from './money';

export const DEFAULT_FISCAL_TZ = 'Asia/Shanghai';

/** A calendar date in the fiscal zone, 'YYYY-MM-DD'. */
export type FiscalDate = string;

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
	const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((v) => v ?? undefined) as string[];
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
		const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
		return { instant: new Date(utc), hasOffset: true };
	}
	const local = new TZDate(year, month - 1, day, hour, minute, second, ms, tz);
	return { instant: new Date(local.getTime()), hasOffset: false };
}

/** The fiscal date of an instant: '2025-12-31T16:10:00Z' is '2026-01-01' in Asia/Shanghai. */
export function fiscalDateOf(instant: Date, tz: string = DEFAULT_FISCAL_TZ): FiscalDate {
	const ms = instant.getTime();
	const offset = hourOffset(tz, Math.floor(ms / HOUR));
	if (offset === undefined) return format(new TZDate(ms, tz), 'yyyy-MM-dd');
	return new Date(ms + offset).toISOString().slice(0, 10);
}

const HOUR = 3_600_000;
/** Per zone, UTC hour → the zone's offset (ms) throughout that hour, or null when it changes within it. */
const offsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset for a whole UTC hour, from date-fns/tz once per hour and zone: a batch of
 * payments asks for thousands of instants in a few hours, and formatting each through TZDate costs
 * ~9 µs. An hour with a transition in it (its first and last millisecond disagree) is left to the
 * exact path.
 */
function hourOffset(tz: string, hour: number): number | undefined {
	let zone = offsets.get(tz);
	if (!zone) offsets.set(tz, (zone = new Map()));
	let offset = zone.get(hour);
	if (offset === undefined) {
		const first = -new TZDate(hour * HOUR, tz).getTimezoneOffset();
		const last = -new TZDate(hour * HOUR + HOUR - 1, tz).getTimezoneOffset();
		offset = first === last ? first * 60_000 : null;
		if (zone.size > 100_000) zone.clear();
		zone.set(hour, offset);
	}
	return offset ?? undefined;
}

export function fiscalYearOf(instant: Date, tz: string = DEFAULT_FISCAL_TZ): number {
	return Number(fiscalDateOf(instant, tz).slice(0, 4));
}

/** Today in the fiscal zone. */
export function fiscalToday(tz: string = DEFAULT_FISCAL_TZ, now: Date = new Date()): FiscalDate {
	return fiscalDateOf(now, tz);
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
	return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Day of the year, 1-based: '2026-01-01' → 1. */
export function dayOfYear(date: FiscalDate): number {
	const [y, m, d] = date.split('-').map(Number);
	return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
}

/**
 * 序时进度 as of the end of `asOf` (that day counts as elapsed), for fiscal `year`,
 * as a fraction string with four decimals. Before the year 0, after it 1.
 */
export function timeProgress(asOf: FiscalDate, year: number, digits = 4): string {
	const asOfYear = Number(asOf.slice(0, 4));
	if (asOfYear < year) return scaledToDecimal(0n, digits);
	if (asOfYear > year) return scaledToDecimal(10n ** BigInt(digits), digits);
	const scale = 10n ** BigInt(digits);
	return scaledToDecimal(
		divRound(BigInt(dayOfYear(asOf)) * scale, BigInt(daysInYear(year))),
		digits
	);
}

/** Month-end reports use months/12: after month m, progress is m/12. */
export function timeProgressByMonth(month: number, digits = 4): string {
	const scale = 10n ** BigInt(digits);
	return scaledToDecimal(divRound(BigInt(month) * scale, 12n), digits);
}

/** Last calendar day of a month: (2026, 2) → '2026-02-28'. */
export function monthEnd(year: number, month: number): FiscalDate {
	return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function isFiscalDate(text: string): text is FiscalDate {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
