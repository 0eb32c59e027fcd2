/**
 * A month in a URL: `?month=YYYY-MM` (the form people type and share, e.g. /reports/month?month=2026-10)
 * or the month number of the page's year (`?year=2026&month=10`).
 */
import { monthEnd, type FiscalDate } from './calendar';

export interface MonthParam {
	/** The year the parameter names (YYYY-MM), or undefined for a bare month number. */
	year?: number;
	month: number;
}

/** Reads `2026-10`, `2026-1` or `10`; null when it is neither, or the month is not 1–12. */
export function parseMonthParam(text: string): MonthParam | null {
	const m = /^(?:(\d{4})-)?(\d{1,2})$/.exec(text.trim());
	if (!m) return null;
	const month = Number(m[2]);
	if (month < 1 || month > 12) return null;
	return m[1] === undefined ? { month } : { year: Number(m[1]), month };
}

/** The first and last day of a month: (2026, 10) → ['2026-10-01', '2026-10-31']. */
export function monthRange(year: number, month: number): [FiscalDate, FiscalDate] {
	const mm = String(month).padStart(2, '0');
	return [`${year}-${mm}-01`, monthEnd(year, month)];
}
