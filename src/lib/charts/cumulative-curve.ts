// Chart option: cumulative execution as a share of plan through the year, against the time line and
// last year's curve. Exact sums in fen; numbers only at the chart boundary.
import type { EChartsCoreOption } from './echarts';
import { daysInYear } from '../domain/calendar';
import { yuanToFen } from '../domain/money';
import { monthLabel } from '../domain/format';
import type { Locale, Translate } from '../i18n';
import { PALETTE } from './execution-by-class';
import { LABELS_INSIDE } from './grid';

export interface CurveInput {
	year: number;
	plan: string;
	days: { date: string; amount: string }[];
	lastYear?: { year: number; plan: string; days: { date: string; amount: string }[] };
	asOf: string;
}

/**
 * Cumulative share of plan (percent, one decimal) for each 'MM-DD' of `labels`; null after `through`,
 * and null throughout without a plan (a share of nothing is not 0 %).
 */
export function cumulativeShare(
	labels: string[],
	year: number,
	plan: string,
	days: { date: string; amount: string }[],
	through?: string
): (number | null)[] {
	const planFen = yuanToFen(plan);
	const byDay = new Map(days.map((d) => [d.date.slice(5), yuanToFen(d.amount)]));
	let sum = 0n;
	return labels.map((md) => {
		if (planFen === 0n || (through && `${year}-${md}` > through)) return null;
		sum += byDay.get(md) ?? 0n;
		return Number((sum * 10_000n) / planFen) / 100;
	});
}

/** Whether the curve draws this year's line: only when there is a plan to measure it against. */
export function hasThisYearCurve(c: Pick<CurveInput, 'plan'>): boolean {
	return yuanToFen(c.plan) > 0n;
}

/** Whether the curve draws last year's line: only when last year had a plan to measure it against. */
export function hasLastYearCurve(c: Pick<CurveInput, 'lastYear'>): boolean {
	return c.lastYear !== undefined && yuanToFen(c.lastYear.plan) > 0n;
}

/** Every 'MM-DD' of a year. */
export function dayLabels(year: number): string[] {
	const out: string[] = [];
	for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000)
		out.push(new Date(t).toISOString().slice(5, 10));
	return out;
}

/** `legend` draws ECharts' own legend (server-rendered SVG); pages show an HTML legend instead. */
export function cumulativeCurveOption(
	c: CurveInput,
	opts: { t: Translate; locale?: Locale; compact?: boolean; legend?: boolean }
): EChartsCoreOption {
	const labels = dayLabels(c.year);
	const n = daysInYear(c.year);
	const font = opts.compact ? 12 : 16;
	const series: object[] = [
		{
			name: opts.t('ov.curve.timeLine'),
			type: 'line',
			showSymbol: false,
			lineStyle: { type: 'dashed', width: 2, color: PALETTE.progress },
			itemStyle: { color: PALETTE.progress },
			data: labels.map((_, i) => Math.round(((i + 1) / n) * 1000) / 10)
		}
	];
	if (hasThisYearCurve(c))
		series.push({
			name: opts.t('ov.curve.thisYear', { year: c.year }),
			type: 'line',
			showSymbol: false,
			lineStyle: { width: 4, color: PALETTE.ontrack },
			itemStyle: { color: PALETTE.ontrack },
			areaStyle: { color: 'rgba(31,111,235,0.08)' },
			data: cumulativeShare(labels, c.year, c.plan, c.days, c.asOf)
		});
	if (c.lastYear && hasLastYearCurve(c))
		series.splice(1, 0, {
			name: opts.t('ov.curve.lastYear', { year: c.lastYear.year }),
			type: 'line',
			showSymbol: false,
			lineStyle: { width: 3, color: PALETTE.lastYear },
			itemStyle: { color: PALETTE.lastYear },
			data: cumulativeShare(labels, c.lastYear.year, c.lastYear.plan, c.lastYear.days)
		});
	return {
		animation: false,
		grid: {
			left: 8,
			right: 24,
			top: opts.legend ? 44 : 16,
			bottom: 8,
			...LABELS_INSIDE
		},
		...(opts.legend ? { legend: { top: 0, right: 0, textStyle: { fontSize: font } } } : {}),
		xAxis: {
			type: 'category',
			data: labels,
			boundaryGap: false,
			axisLabel: {
				fontSize: font,
				interval: (i: number) => labels[i].endsWith('-01'),
				formatter: (v: string) => monthLabel(Number(v.slice(0, 2)), opts.locale ?? 'zh')
			},
			axisTick: { show: false }
		},
		yAxis: {
			type: 'value',
			min: 0,
			max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
			axisLabel: { formatter: '{value}%', fontSize: font },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		series
	};
}
