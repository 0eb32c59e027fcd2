/**
 * The calendar year's days and months: leap years, month lengths, month ends, 'YYYY-MM-DD' dates.
 * Plain arithmetic, no time zone; the fiscal year is the calendar year (see ./fiscal).
 */

/** A calendar date in the fiscal zone, 'YYYY-MM-DD'. */
export type FiscalDate = string;

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
