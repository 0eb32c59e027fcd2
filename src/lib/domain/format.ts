// Display formatting: money with its unit, times in the fiscal zone (every page's header shows one).
// Percentages, quantities and section numbers are in ./number-text.
import { zonedFields } from './zoned';
import { formatIn, unitFor, yuanToFen, type MoneyUnit } from './money';

export interface MoneyText {
	value: string;
	unit: MoneyUnit;
}

/** A decimal 元 string in the unit that reads best (or the one given): "8,674,828,517.75" → "86.75" 亿元. */
export function moneyText(yuan: string, unit?: MoneyUnit, digits = 2): MoneyText {
	const fen = yuanToFen(yuan);
	const u = unit ?? unitFor(fen);
	return { value: formatIn(fen, u, u === 'yuan' ? 2 : digits), unit: u };
}

/**
 * An instant shown in the fiscal zone: "11月28日 14:32" / "28 Nov 14:32". Built from the zoned
 * fields rather than date-fns `format` and TZDate, which would bring the locales and the zone
 * library into every page's first-load JavaScript for two fixed patterns.
 */
export function fiscalTimeText(
	iso: string | Date,
	tz: string,
	locale: 'zh' | 'en',
	withSeconds = false
): string {
	const f = zonedFields(new Date(iso).getTime(), tz);
	const pad = (n: number) => String(n).padStart(2, '0');
	const time = `${pad(f.hour)}:${pad(f.minute)}${withSeconds ? `:${pad(f.second)}` : ''}`;
	return locale === 'zh'
		? `${f.month}月${f.day}日 ${time}`
		: `${f.day} ${MONTHS_EN[f.month - 1]} ${time}`;
}

/**
 * The time a freshness line (数据截至 …) shows: never later than `now` (a record's clock may run a
 * few minutes ahead of the server's), with the year when it is not the current fiscal year:
 * "12月6日 13:32:05", "2025年12月31日 16:00:00" / "31 Dec 2025 16:00:00".
 */
export function freshnessText(
	iso: string | Date,
	tz: string,
	locale: 'zh' | 'en',
	now: Date = new Date()
): string {
	const at = Math.min(new Date(iso).getTime(), now.getTime());
	const time = fiscalTimeText(new Date(at), tz, locale, true);
	const year = zonedFields(at, tz).year;
	if (year === zonedFields(now.getTime(), tz).year) return time;
	if (locale === 'zh') return `${year}年${time}`;
	const [day, month, clock] = time.split(' ');
	return `${day} ${month} ${year} ${clock}`;
}

const MONTHS_EN = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** A month as chart axes and pickers show it: 3 → "3月" / "Mar". */
export function monthLabel(month: number, locale: 'zh' | 'en'): string {
	return locale === 'zh' ? `${month}月` : MONTHS_EN[month - 1];
}
