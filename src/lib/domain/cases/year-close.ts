/**
 * Year close: after its 决算 grace period a fiscal year is closed — its open cases go into the year's
 * summary with their last status, and no page of the current year counts them. The day is a setting
 * (MM-DD of the next year, default 31 March).
 */
import { isFiscalDate } from '../calendar';

export const DEFAULT_YEAR_CLOSE_ON = '03-31';

/** Whether a text is a month-day that exists in every year (MM-DD; 29 February is refused). */
export function isYearCloseOn(text: string): boolean {
	if (!/^\d{2}-\d{2}$/.test(text) || text === '02-29') return false;
	return isFiscalDate(`2001-${text}`);
}

/** The fiscal date on which `year` closes. */
export const yearCloseDate = (year: number, on: string): string => `${year + 1}-${on}`;

/** The years among `years` that are due to close on `asOf` (YYYY-MM-DD), ascending. */
export function yearsDue(years: readonly number[], asOf: string, on: string): number[] {
	return [...new Set(years)].filter((y) => asOf >= yearCloseDate(y, on)).sort((a, b) => a - b);
}
