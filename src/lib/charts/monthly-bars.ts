// Chart option: amounts by month (this year, optionally last year beside it), in one money unit.
// The as-of month, when the as-of date is not its last day, holds only part of the month: its axis
// label says to which day and its bar is hatched, so it does not read as a whole month beside last
// year's whole one.
import type { EChartsCoreOption } from './echarts';
import { toChartNumber, yuanToFen, type MoneyUnit } from '../domain/money';
import { monthEnd } from '../domain/calendar';
import { monthLabel } from '../domain/format';
import type { Locale, MessageKey, Translate } from '../i18n';
import { PALETTE } from './execution-by-class';
import { LABELS_INSIDE } from './grid';

export interface MonthBar {
	month: number;
	amount: string;
	lastYear?: string;
}

/** The as-of month when the as-of date is not its last day: its bar counts days 1 to `day`. */
export interface PartialMonth {
	month: number;
	day: number;
}

/** The partial month of an as-of date ('2026-12-07' → December to the 7th); null at a month end. */
export function partialMonth(asOf: string | undefined): PartialMonth | null {
	if (!asOf) return null;
	const [year, month, day] = asOf.split('-').map(Number);
	return asOf === monthEnd(year, month) ? null : { month, day };
}

/** An English day of the month as read aloud: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
function ordinal(day: number): string {
	const teen = day % 100 >= 11 && day % 100 <= 13;
	const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
	return `${day}${suffix}`;
}

/** How far the partial month goes: 至7日 / to 7th. */
export function toDayText(day: number, t: Translate, locale: Locale): string {
	return t('chart.toDay', { day: locale === 'en' ? ordinal(day) : String(day) });
}

/** The hatching of a partial month's bar: light stripes across its colour. */
export const PARTIAL_DECAL = {
	symbol: 'rect',
	symbolSize: 1,
	color: 'rgba(255, 255, 255, 0.55)',
	dashArrayX: [1, 0],
	dashArrayY: [3, 5],
	rotation: -Math.PI / 4
};

export function monthlyBarsOption(
	months: MonthBar[],
	opts: {
		t: Translate;
		unit: MoneyUnit;
		thisLabel: string;
		lastLabel?: string;
		compact?: boolean;
		locale?: Locale;
		legend?: boolean;
		/** The page's as-of date: its month, unless it is the month's last day, is drawn as partial. */
		asOf?: string;
	}
): EChartsCoreOption {
	const font = opts.compact ? 12 : 16;
	const unit = opts.t(`unit.${opts.unit}` as MessageKey);
	const locale = opts.locale ?? 'zh';
	const partial = partialMonth(opts.asOf);
	const isPartial = (m: MonthBar) => partial !== null && m.month === partial.month;
	const series: object[] = [];
	if (opts.lastLabel)
		series.push({
			name: opts.lastLabel,
			type: 'bar',
			itemStyle: { color: '#b8c0cc' },
			data: months.map((m) => toChartNumber(yuanToFen(m.lastYear ?? '0'), opts.unit))
		});
	series.push({
		name: opts.thisLabel,
		type: 'bar',
		itemStyle: { color: PALETTE.ontrack },
		data: months.map((m) => {
			const value = toChartNumber(yuanToFen(m.amount), opts.unit);
			return isPartial(m) ? { value, itemStyle: { decal: PARTIAL_DECAL } } : value;
		}),
		label: opts.compact
			? undefined
			: {
					show: months.length <= 12,
					position: 'top',
					fontSize: font - 3,
					// Plain ink (the wall's light text there): without a colour ECharts draws it hollow.
					color: '#1f2937',
					formatter: (p: { value: number }) =>
						p.value ? p.value.toLocaleString('zh-CN', { maximumFractionDigits: 0 }) : ''
				}
	});
	return {
		animation: false,
		grid: {
			left: 8,
			right: 16,
			top: 44,
			bottom: 8,
			...LABELS_INSIDE
		},
		...(opts.legend ? { legend: { top: 0, right: 0, textStyle: { fontSize: font } } } : {}),
		xAxis: {
			type: 'category',
			data: months.map((m) =>
				isPartial(m)
					? `${monthLabel(m.month, locale)}\n${toDayText(partial!.day, opts.t, locale)}`
					: monthLabel(m.month, locale)
			),
			axisLabel: { fontSize: font },
			axisTick: { show: false }
		},
		yAxis: {
			type: 'value',
			name: unit,
			// Left-aligned from the axis: centred on it, a long unit ("100m yuan") runs off the card.
			nameTextStyle: { fontSize: font - 2, align: 'left' },
			axisLabel: { fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		series
	};
}
