/** The treasury's calendar in the demo: working days, and Beijing-time moments that sort. */
import { pad } from './numbers';

export interface Moment {
	text: string;
	key: number;
}

/** A Beijing-time moment with a numeric key that sorts like the time (within one year). */
export function moment(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number
): Moment {
	return {
		text: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`,
		key: (((month * 32 + day) * 24 + hour) * 60 + minute) * 60 + second
	};
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// New Year's Day and the National Day week: the treasury does not pay.
const HOLIDAYS = new Set(['01-01', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07']);
/** Whether a month-day is one of the fixed holidays the treasury does not pay on. */
export function isHoliday(month: number, day: number): boolean {
	return HOLIDAYS.has(`${pad(month)}-${pad(day)}`);
}

const workingDayCache = new Map<string, number[]>();

/** Working days of a month up to maxDay (weekends and fixed holidays excluded). */
export function workingDays(year: number, month: number, maxDay: number): number[] {
	const key = `${year}-${month}-${maxDay}`;
	let days = workingDayCache.get(key);
	if (!days) {
		days = [];
		for (let d = 1; d <= maxDay; d++) {
			const wd = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
			if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(`${pad(month)}-${pad(d)}`)) days.push(d);
		}
		workingDayCache.set(key, days);
	}
	return days;
}

/**
 * The last month of `year` generated when data runs through `through` (YYYY-MM-DD): 12 for an
 * earlier year, 0 for a later one.
 */
export function lastMonthThrough(year: number, through: string): number {
	const throughYear = Number(through.slice(0, 4));
	return throughYear > year ? 12 : throughYear < year ? 0 : Number(through.slice(5, 7));
}

/** The last day of `month` generated: `through`'s day in its own month, else the month's end. */
export function lastDayThrough(year: number, month: number, through: string): number {
	const inThroughMonth =
		Number(through.slice(0, 4)) === year && Number(through.slice(5, 7)) === month;
	return inThroughMonth ? Number(through.slice(8, 10)) : daysInMonth(year, month);
}

/**
 * The treasury's office hours (Beijing time): the share of a working day's payments paid in each
 * hour. Mornings from 8:30 build to a peak before lunch, the lunch break is nearly empty, the
 * afternoon peaks at 15–16 and trails off after 17:30; nothing is paid at night.
 */
export const HOUR_WEIGHTS: readonly number[] = [
	0, 0, 0, 0, 0, 0, 0, 0, 3, 12, 15, 12, 2, 1, 8, 14, 14, 7, 1, 0, 0, 0, 0, 0
].map((w, _i, all) => w / all.reduce((a, b) => a + b, 0));

/** A weekend or holiday carries this share of a working day's payments (the odd urgent one). */
export const OFF_DAY_SHARE = 0.03;

/** How a month's working days compare with the year's average: slow early months, a December peak. */
export const MONTH_PACE = [0.7, 0.7, 1.05, 0.95, 0.95, 1.15, 0.95, 0.9, 1.05, 0.95, 0.95, 1.55];

/** The demo city's regular treasury payments on an average working day (about 245,000 a year). */
export const PAYMENTS_PER_WORKING_DAY = 1000;

const HOUR_MS = 3_600_000;
const BEIJING_MS = 8 * HOUR_MS;

/** Whether the Beijing-time calendar day of `ms` is a working day of the treasury. */
export function isWorkingDay(ms: number): boolean {
	const d = new Date(ms + BEIJING_MS);
	const wd = d.getUTCDay();
	return (
		wd !== 0 && wd !== 6 && !HOLIDAYS.has(`${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`)
	);
}

/** Expected regular payments per hour in the Beijing-time hour that contains `ms`. */
export function paymentsPerHourAt(
	ms: number,
	perWorkingDay = PAYMENTS_PER_WORKING_DAY,
	allHours = false
): number {
	if (allHours) return perWorkingDay / 24;
	const d = new Date(ms + BEIJING_MS);
	const day = isWorkingDay(ms) ? 1 : OFF_DAY_SHARE;
	return perWorkingDay * day * MONTH_PACE[d.getUTCMonth()] * HOUR_WEIGHTS[d.getUTCHours()];
}

/** A stretch of time within one clock hour and the payments expected in it. */
export interface PaceSegment {
	from: number;
	to: number;
	expected: number;
}

/**
 * The span [from, to) (epoch ms) cut at Beijing clock hours, each piece with its expected payments;
 * `allHours` spreads a working day's count evenly over every hour of every day (tests).
 */
export function paceSegments(
	from: number,
	to: number,
	perWorkingDay = PAYMENTS_PER_WORKING_DAY,
	allHours = false
): PaceSegment[] {
	const out: PaceSegment[] = [];
	for (let start = from; start < to;) {
		const end = Math.min(to, (Math.floor(start / HOUR_MS) + 1) * HOUR_MS);
		const perHour = paymentsPerHourAt(start, perWorkingDay, allHours);
		if (perHour > 0)
			out.push({ from: start, to: end, expected: (perHour * (end - start)) / HOUR_MS });
		start = end;
	}
	return out;
}
