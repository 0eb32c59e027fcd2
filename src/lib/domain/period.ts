/**
 * As-of arithmetic for supervision pages: which rollup rows make a figure "as of" a fiscal date,
 * the same date last year, gaps in percentage points and their pace level.
 */
import { daysInMonth, isLeapYear, monthEnd, type FiscalDate } from './calendar';

export interface AsOfWindow {
	yearStart: FiscalDate;
	/** Whole months from yearStart up to (excluding) this month start come from month rows. */
	monthsBefore: FiscalDate;
	/** Days from dayFrom through asOf come from day rows; null when asOf is a month end. */
	dayFrom: FiscalDate | null;
	asOf: FiscalDate;
}

/** Splits "1 January through asOf" into whole months and the days of the last, partial month. */
export function asOfWindow(asOf: FiscalDate): AsOfWindow {
	const year = Number(asOf.slice(0, 4));
	const month = Number(asOf.slice(5, 7));
	const monthStart = `${asOf.slice(0, 7)}-01`;
	const isMonthEnd = asOf === monthEnd(year, month);
	const next =
		month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
	return {
		yearStart: `${year}-01-01`,
		monthsBefore: isMonthEnd ? next : monthStart,
		dayFrom: isMonthEnd ? null : monthStart,
		asOf
	};
}

export interface RangeWindow {
	/** Month rows from this month start (inclusive) to that one (exclusive); null when no whole month. */
	months: [FiscalDate, FiscalDate] | null;
	/** Day rows for these inclusive ranges (the partial months at either end). */
	days: [FiscalDate, FiscalDate][];
}

const monthStartOf = (year: number, month: number) =>
	`${year}-${String(month).padStart(2, '0')}-01`;

/**
 * Splits a range of fiscal dates in one year into the whole months inside it and the days of the
 * partial months at its ends, so a sum over the range reads month rows and a few day rows.
 */
export function rangeWindow(from: FiscalDate, to: FiscalDate): RangeWindow {
	const year = Number(from.slice(0, 4));
	const fromMonth = Number(from.slice(5, 7));
	const toMonth = Number(to.slice(5, 7));
	const firstFull = from.endsWith('-01') ? fromMonth : fromMonth + 1;
	const lastFull = to === monthEnd(year, toMonth) ? toMonth : toMonth - 1;
	if (firstFull > lastFull) return { months: null, days: [[from, to]] };
	const start = monthStartOf(year, firstFull);
	const end = lastFull === 12 ? `${year + 1}-01-01` : monthStartOf(year, lastFull + 1);
	const days: [FiscalDate, FiscalDate][] = [];
	if (from < start) days.push([from, monthEnd(year, firstFull - 1)]);
	if (lastFull < toMonth) days.push([monthStartOf(year, toMonth), to]);
	return { months: [start, end], days };
}

/** The same day a year earlier, for 同比; 29 February becomes the 28th. */
export function sameDayLastYear(asOf: FiscalDate): FiscalDate {
	const year = Number(asOf.slice(0, 4)) - 1;
	const md = asOf.slice(5);
	if (md === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
	return `${year}-${md}`;
}

/** Month ends of `year` up to and including the month of `upTo` (for as-of pickers). */
export function monthEndsThrough(year: number, upTo: FiscalDate): FiscalDate[] {
	const lastMonth =
		Number(upTo.slice(0, 4)) > year
			? 12
			: Number(upTo.slice(0, 4)) < year
				? 0
				: Number(upTo.slice(5, 7));
	return Array.from({ length: lastMonth }, (_, i) => monthEnd(year, i + 1)).filter(
		(d) => d <= upTo || Number(upTo.slice(0, 4)) > year
	);
}

/** The end of the month before `date`'s month, or null in January. */
export function previousMonthEnd(date: FiscalDate): FiscalDate | null {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	return month === 1 ? null : monthEnd(year, month - 1);
}

/** Whether `date` is the last day of its month. */
export function isMonthEnd(date: FiscalDate): boolean {
	return (
		Number(date.slice(8, 10)) === daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))
	);
}

/**
 * Time progress minus execution rate in percentage points, exact from the four-decimal fractions:
 * ("0.9100", "0.8190") → "9.10". Positive means spending lags time. Null without a rate.
 */
export function gapPoints(timeProgress: string, rate: string | null): string | null {
	if (rate === null) return null;
	const scaled = (f: string) => {
		const [int, frac = ''] = f.replace('-', '').split('.');
		const v = BigInt(int) * 10_000n + BigInt((frac + '0000').slice(0, 4));
		return f.startsWith('-') ? -v : v;
	};
	const d = scaled(timeProgress) - scaled(rate); // 1/10000 = 0.01 pp
	const neg = d < 0n;
	const abs = neg ? -d : d;
	return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export type PaceLevel = 'ontrack' | 'notice' | 'warning' | 'severe';

/** Default pace-lag thresholds of domain.md (提示/预警/严重), in percentage points. */
export const PACE_THRESHOLDS = { notice: 5, warning: 10, severe: 15 } as const;

/** The pace level of a gap: at or above a threshold is that level. */
export function paceLevel(
	gap: string | null,
	thresholds: { notice: number; warning: number; severe: number } = PACE_THRESHOLDS
): PaceLevel {
	if (gap === null) return 'ontrack';
	const pp = Number(gap);
	if (pp >= thresholds.severe) return 'severe';
	if (pp >= thresholds.warning) return 'warning';
	if (pp >= thresholds.notice) return 'notice';
	return 'ontrack';
}
