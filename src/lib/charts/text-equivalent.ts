// A chart's text equivalent: one summary sentence and the figures as a table, built from the data the
// chart draws and written with the same money and percent formatters as the rest of the page.
import { timeProgress } from '../domain/fiscal';
import { monthEnd, type FiscalDate } from '../domain/calendar';
import { moneyText, monthLabel } from '../domain/format';
import { percentText } from '../domain/number-text';
import { fenToYuan, ratio, sumFen, yuanToFen, type MoneyUnit } from '../domain/money';
import type { Locale, MessageKey, Translate } from '../i18n';
import type { CurveInput } from './cumulative-curve';
import { partialMonth, toDayText, type MonthBar } from './monthly-bars';
import type { TrendSeries } from './trend-lines';

export interface ChartText {
	summary: string;
	/** The label of the fold that holds the table. */
	show: string;
	table: { caption: string; heads: string[]; rows: { head: string; cells: string[] }[] };
}

interface TextOpts {
	t: Translate;
	locale: Locale;
}

/** A fiscal date as a sentence names it: "12月6日" / "6 Dec". */
function dayText(date: string, locale: Locale): string {
	const [, m, d] = date.split('-').map(Number);
	return locale === 'zh' ? `${m}月${d}日` : `${d} ${monthLabel(m, 'en')}`;
}

/** Cumulative spending through `through` (inclusive) as a share of plan; null without a plan. */
function shareThrough(plan: string, days: { date: string; amount: string }[], through: string) {
	const spent = sumFen(days.filter((d) => d.date <= through).map((d) => yuanToFen(d.amount)));
	return ratio(spent, yuanToFen(plan));
}

/** The same date a year earlier (29 February becomes the 28th). */
function sameDayIn(year: number, date: string): FiscalDate {
	const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
	return `${year}-${md}` as FiscalDate;
}

/**
 * The cumulative curve in words: this year's share of plan at the as-of date against time progress and
 * last year at the same date; the table holds the shares at each month end (the current month at the
 * as-of date), read off the same daily amounts the curve adds up.
 */
export function curveText(c: CurveInput, title: string, { t, locale }: TextOpts): ChartText {
	const asOf = (
		c.asOf.slice(0, 4) === String(c.year) ? c.asOf : monthEnd(c.year, 12)
	) as FiscalDate;
	const lastYear = c.lastYear && yuanToFen(c.lastYear.plan) > 0n ? c.lastYear : undefined;
	const at = (date: FiscalDate) => ({
		tp: percentText(timeProgress(date, c.year), 1),
		rate: date <= asOf ? shareThrough(c.plan, c.days, date) : null,
		last: lastYear
			? shareThrough(lastYear.plan, lastYear.days, sameDayIn(lastYear.year, date))
			: null
	});
	const now = at(asOf);
	const date = dayText(asOf, locale);
	const summary =
		now.rate === null
			? t('chart.text.curveNoPlan', { date, tp: now.tp })
			: lastYear
				? t('chart.text.curveWithLast', {
						date,
						rate: percentText(now.rate, 1),
						tp: now.tp,
						year: lastYear.year,
						last: percentText(now.last, 1)
					})
				: t('chart.text.curve', { date, rate: percentText(now.rate, 1), tp: now.tp });
	const heads = [
		t('chart.text.date'),
		t('ov.curve.timeLine'),
		...(lastYear ? [t('ov.curve.lastYear', { year: lastYear.year })] : []),
		t('ov.curve.thisYear', { year: c.year })
	];
	const rows = Array.from({ length: 12 }, (_, i) => {
		const end = monthEnd(c.year, i + 1);
		const day = end > asOf && end.slice(0, 7) === asOf.slice(0, 7) ? asOf : end;
		const f = at(day);
		return {
			head: day === end ? monthLabel(i + 1, locale) : dayText(day, locale),
			cells: [f.tp, ...(lastYear ? [percentText(f.last, 1)] : []), percentText(f.rate, 1)]
		};
	});
	return {
		summary,
		show: t('chart.text.show'),
		table: { caption: t('chart.text.curveCaption', { title }), heads, rows }
	};
}

/**
 * Monthly bars in words: the year's total so far and its largest month, and — given `lastSame`, last
 * year's total to the same day as the page's figures take it — that total with its cut-off date
 * (whole bars of last year would count days after the as-of date); the table holds every month's
 * amount in the chart's unit. Given `asOf` short of its month's end, that month is partial: the
 * sentence sums to the as-of day, says last year's same month beside it is whole, and its row says to
 * which day it runs.
 */
export function monthlyText(
	months: MonthBar[],
	title: string,
	o: TextOpts & {
		unit: MoneyUnit;
		thisLabel: string;
		lastLabel?: string;
		/** Last year's total from 1 January through `through` (the as-of date a year earlier). */
		lastSame?: { total: string; through: string };
		/** The page's as-of date (of the months' year). */
		asOf?: string;
	}
): ChartText {
	const { t, locale } = o;
	const partial = partialMonth(o.asOf);
	const head = (month: number) =>
		partial?.month === month
			? t('text.paren', {
					text: monthLabel(month, locale),
					note: toDayText(partial.day, t, locale)
				})
			: monthLabel(month, locale);
	const unit = t(`unit.${o.unit}` as MessageKey);
	const money = (yuan: string) => `${moneyText(yuan, o.unit).value} ${unit}`;
	const drawn = months.filter((m) => yuanToFen(m.amount) !== 0n);
	const through = drawn.at(-1)?.month ?? 0;
	const total = sumFen(drawn.map((m) => yuanToFen(m.amount)));
	const peak = drawn.reduce<MonthBar | undefined>(
		(best, m) => (!best || yuanToFen(m.amount) > yuanToFen(best.amount) ? m : best),
		undefined
	);
	const figures = peak && {
		from: monthLabel(months[0]?.month ?? 1, locale),
		to:
			partial?.month === through && o.asOf ? dayText(o.asOf, locale) : monthLabel(through, locale),
		total: money(fenToYuan(total)),
		month: monthLabel(peak.month, locale),
		peak: money(peak.amount)
	};
	const sentence = !figures
		? t('chart.text.monthlyNone')
		: o.lastLabel && o.lastSame
			? t('chart.text.monthlyWithLast', {
					...figures,
					label: o.lastLabel,
					date: dayText(o.lastSame.through, locale),
					lastTotal: money(o.lastSame.total)
				})
			: t('chart.text.monthly', figures);
	// Last year's bar beside a partial month is a whole month: said, so the two are not compared.
	const summary =
		figures &&
		partial &&
		o.asOf &&
		o.lastLabel &&
		o.lastSame &&
		months.some((m) => m.month === partial.month)
			? t('text.sentences', {
					first: sentence,
					next: t('chart.text.monthlyPartial', {
						month: monthLabel(partial.month, locale),
						date: dayText(o.asOf, locale),
						label: o.lastLabel
					})
				})
			: sentence;
	return {
		summary,
		show: t('chart.text.show'),
		table: {
			caption: t('text.paren', { text: title, note: unit }),
			heads: [t('chart.text.month'), o.thisLabel, ...(o.lastLabel ? [o.lastLabel] : [])],
			rows: months.map((m) => ({
				head: head(m.month),
				cells: [
					moneyText(m.amount, o.unit).value,
					...(o.lastLabel ? [moneyText(m.lastYear ?? '0', o.unit).value] : [])
				]
			}))
		}
	};
}

/**
 * Trend lines in words: every figure of the latest year or period that has one; the table holds all
 * years, a row each, in the chart's unit.
 */
export function trendText(
	years: readonly (number | string)[],
	series: TrendSeries[],
	title: string,
	o: TextOpts & { unit: MoneyUnit; unitLabel: string }
): ChartText {
	const { t } = o;
	const value = (v: string | null) => (v === null ? '—' : moneyText(v, o.unit).value);
	const latest = years.findLastIndex((_, i) => series.some((s) => s.values[i] !== null));
	const figures = series
		.filter((s) => latest >= 0 && s.values[latest] !== null)
		.map((s) =>
			t('chart.text.figure', { name: s.name, value: value(s.values[latest]), unit: o.unitLabel })
		)
		.join(t('chart.text.and'));
	return {
		show: t('chart.text.show'),
		summary:
			latest < 0
				? t('chart.text.trendNone')
				: t('chart.text.trend', { year: String(years[latest]), figures }),
		table: {
			caption: t('text.paren', { text: title, note: o.unitLabel }),
			heads: [t('chart.text.year'), ...series.map((s) => s.name)],
			rows: years.map((y, i) => ({ head: String(y), cells: series.map((s) => value(s.values[i])) }))
		}
	};
}
