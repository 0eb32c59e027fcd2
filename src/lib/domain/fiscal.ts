/**
 * The fiscal calendar: a payment's fiscal day, month and year are taken in the fiscal time zone
 * (Asia/Shanghai by default), never in UTC or the server's zone. The fiscal year is the calendar year.
 */
import { daysInYear, dayOfYear, type FiscalDate } from './calendar';
import { scaledToDecimal, divRound } from './money';
import { zonedFields } from './zoned';

export const DEFAULT_FISCAL_TZ = 'Asia/Shanghai';

/** The fiscal date of an instant: '2025-12-31T16:10:00Z' is '2026-01-01' in Asia/Shanghai. */
export function fiscalDateOf(instant: Date, tz: string = DEFAULT_FISCAL_TZ): FiscalDate {
	const ms = instant.getTime();
	const offset = hourOffset(tz, Math.floor(ms / HOUR));
	if (offset !== undefined) return new Date(ms + offset).toISOString().slice(0, 10);
	const f = zonedFields(ms, tz);
	return `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Per zone, UTC hour → the zone's offset (ms) throughout that hour, or null when it changes within it. */
const offsets = new Map<string, Map<number, number | null>>();

/** The zone's offset at an instant, in ms (whole seconds). */
function offsetAt(ms: number, tz: string): number {
	const f = zonedFields(ms, tz);
	return (
		Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) -
		(ms - (((ms % 1000) + 1000) % 1000))
	);
}

/**
 * The zone's offset for a whole UTC hour, looked up once per hour and zone: a batch of payments
 * asks for thousands of instants in a few hours, and formatting each costs ~9 µs. An hour with a
 * transition in it (its first and last second disagree) is left to the exact path.
 */
function hourOffset(tz: string, hour: number): number | undefined {
	let zone = offsets.get(tz);
	if (!zone) offsets.set(tz, (zone = new Map()));
	let offset = zone.get(hour);
	if (offset === undefined) {
		const first = offsetAt(hour * HOUR, tz);
		const last = offsetAt(hour * HOUR + HOUR - 1000, tz);
		offset = first === last ? first : null;
		if (zone.size > 100_000) zone.clear();
		zone.set(hour, offset);
	}
	return offset ?? undefined;
}

/**
 * The fiscal year of an instant. Ingest asks it of every payment, so it compares the instant with
 * the zone's year boundaries (found once per zone and year) instead of building its date.
 */
export function fiscalYearOf(instant: Date, tz: string = DEFAULT_FISCAL_TZ): number {
	const ms = instant.getTime();
	const year = instant.getUTCFullYear();
	// Outside four-digit years (and for an invalid date, which throws there) the date itself says.
	if (!(year > 1 && year < 9998)) return Number(fiscalDateOf(instant, tz).slice(0, 4));
	// Every zone is within a day of UTC, so the fiscal year is UTC's, the one before or the one after.
	if (ms >= yearStart(year + 1, tz)) return year + 1;
	return ms < yearStart(year, tz) ? year - 1 : year;
}

/** Per zone, year → the first millisecond whose fiscal date is in that year. */
const yearStarts = new Map<string, Map<number, number>>();

function yearStart(year: number, tz: string): number {
	let zone = yearStarts.get(tz);
	if (!zone) yearStarts.set(tz, (zone = new Map()));
	let start = zone.get(year);
	if (start === undefined) {
		// Bisection between a millisecond still in the year before and one already in this year.
		let before = Date.UTC(year, 0, 1) - 2 * DAY;
		let within = Date.UTC(year, 0, 1) + 2 * DAY;
		while (within - before > 1) {
			const mid = Math.floor((before + within) / 2);
			if (Number(fiscalDateOf(new Date(mid), tz).slice(0, 4)) >= year) within = mid;
			else before = mid;
		}
		start = within;
		if (zone.size > 1_000) zone.clear();
		zone.set(year, start);
	}
	return start;
}

/** Today in the fiscal zone. */
export function fiscalToday(tz: string = DEFAULT_FISCAL_TZ, now: Date = new Date()): FiscalDate {
	return fiscalDateOf(now, tz);
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
