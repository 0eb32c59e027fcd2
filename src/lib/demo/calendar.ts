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
