/**
 * Dates must be real (the ingest contract): a payment or collection dated more than five minutes
 * after the server's clock, or before the year 2000, is rejected with a reason that says so, so
 * nothing in the future is ever counted or shown as fresh.
 */
import { fiscalYearOf } from '../fiscal';

/** How far ahead of the server's clock a record's time may be (clocks of two systems differ). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The business-time field of each dated record kind. */
export const DATED_FIELDS = { payment: 'paidAt', revenue: 'collectedAt' } as const;

/**
 * Why a record's business time is not accepted, or null: `field` names it, `written` is the text
 * the sender wrote (quoted in the reason), `now` the server's clock; the year is the fiscal zone's.
 */
export function dateProblem(
	field: string,
	instant: Date,
	written: unknown,
	now: Date,
	tz: string
): string | null {
	const text = typeof written === 'string' ? JSON.stringify(written.slice(0, 60)) : 'it';
	const t = instant.getTime();
	if (t > now.getTime() + FUTURE_TOLERANCE_MS)
		return `${field}: is in the future (${text} is after the server's clock, ${now.toISOString()}); records dated more than 5 minutes ahead are not accepted`;
	// Clearly before 2000 by the instant; near the turn of the year by the fiscal zone's calendar.
	if (t < Date.UTC(1999, 11, 30) || (t < Date.UTC(2000, 0, 2) && fiscalYearOf(instant, tz) < 2000))
		return `${field}: is before the year 2000 (${text}); a payment or collection must be dated 2000 or later`;
	return null;
}
