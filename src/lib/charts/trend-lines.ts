// Chart option: figures over the years or report periods (a line per figure, named at its end), in
// one money unit.
import { number } from 'echarts/core';
import type { EChartsCoreOption } from './echarts';
import { toChartNumber, yuanToFen, type MoneyUnit } from '../domain/money';
import { LABELS_INSIDE, textWidth } from './grid';

export interface TrendSeries {
	name: string;
	/** One decimal string in 元 per year or period (null where it has no figure). */
	values: (string | null)[];
	color?: string;
}

const COLORS = ['#1f6feb', '#c62828', '#2f855a', '#d29922', '#6b46c1'];

/** Lines ending closer than this share of the figures' range have their end labels drawn apart. */
const CLOSE_ENDS = 0.08;

/**
 * A point's figure is drawn above it only with this share of the value axis free above it (no other
 * line's point there): a label's height and a gap on the pages' 16rem charts. A label that would
 * sit on another line is left out; the tables beside the charts hold every figure.
 */
const LABEL_ROOM = 0.16;
/** Lines with more points than this carry their figures in the end label and the table only. */
const LABELLED_POINTS = 8;

const valueText = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * The span of the value axis ECharts draws for figures from `min` to `max` (zero included): about
 * five intervals of ECharts' own nice step (1, 2, 3 or 5 × 10ⁿ), rounded out to whole intervals.
 */
export function axisSpan(min: number, max: number): number {
	const lo = Math.min(0, min);
	const hi = Math.max(0, max);
	if (hi === lo) return 1;
	const interval = number.nice((hi - lo) / 5, true);
	return (Math.ceil(hi / interval) - Math.floor(lo / interval)) * interval;
}

/**
 * Each line's end label moved up or down (px) so that lines ending close together have labels that
 * do not overlap: a run of close ends is spread one label height apart around its middle.
 */
export function endLabelShifts(ends: (number | null)[], range: number, step: number): number[] {
	const order = ends
		.map((v, i) => ({ v, i }))
		.filter((e): e is { v: number; i: number } => e.v !== null)
		.sort((a, b) => b.v - a.v);
	const shifts = ends.map(() => 0);
	let run: number[] = [];
	const spread = () => {
		run.forEach((i, k) => (shifts[i] = (k - (run.length - 1) / 2) * step));
		run = [];
	};
	order.forEach((e, k) => {
		if (k > 0 && order[k - 1].v - e.v >= CLOSE_ENDS * range) spread();
		run.push(e.i);
	});
	spread();
	return shifts;
}

/**
 * Which points have their figure drawn above them: not a line's last point (its end label carries
 * it), and not one with another line's point at the same period just above it or level with it,
 * where the label would overlap that line or that line's label.
 */
export function pointLabels(
	numbers: (number | null)[][],
	lastIndex: number[],
	span: number
): boolean[][] {
	return numbers.map((d, i) =>
		d.map((v, k) => {
			if (v === null || k === lastIndex[i] || d.length > LABELLED_POINTS) return false;
			return numbers.every((other, j) => {
				const u = other[k];
				return j === i || u === null || u < v - 0.02 * span || u > v + LABEL_ROOM * span;
			});
		})
	);
}

export function trendLinesOption(
	years: readonly (number | string)[],
	series: TrendSeries[],
	opts: { unitLabel: string; unit: MoneyUnit; compact?: boolean }
): EChartsCoreOption {
	const font = opts.compact ? 12 : 14;
	const numbers = series.map((s) =>
		s.values.map((v) => (v === null ? null : toChartNumber(yuanToFen(v), opts.unit)))
	);
	const lastIndex = numbers.map((d) => d.findLastIndex((v) => v !== null));
	const ends = numbers.map((d, i) => (lastIndex[i] < 0 ? null : d[lastIndex[i]]));
	// The last figure goes into the line's end label (its name), not above its point, where it would
	// sit on the end label of a line ending just above.
	const endTexts = series.map((s, i) =>
		!opts.compact && ends[i] !== null ? `${s.name} ${valueText(ends[i])}` : s.name
	);
	const all = numbers.flat().filter((v): v is number => v !== null);
	const range = Math.max(0, ...all) - Math.min(0, ...all);
	const shifts = endLabelShifts(ends, range, font + 3);
	const labelled = pointLabels(numbers, lastIndex, axisSpan(Math.min(...all), Math.max(...all)));
	return {
		animation: false,
		grid: {
			left: 8,
			right: Math.max(120, ...endTexts.map((e) => Math.ceil(textWidth(e, font - 1)) + 16)),
			top: 32,
			bottom: 8,
			...LABELS_INSIDE
		},
		xAxis: {
			type: 'category',
			data: years.map(String),
			axisLabel: { fontSize: font },
			axisTick: { show: false }
		},
		yAxis: {
			type: 'value',
			name: opts.unitLabel,
			// Left-aligned from the axis: centred on it, a long unit ("100m yuan") runs off the card.
			nameTextStyle: { fontSize: font - 2, align: 'left' },
			axisLabel: { fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		series: series.map((s, i) => ({
			name: s.name,
			type: 'line',
			symbolSize: 7,
			lineStyle: { width: 2.5, color: s.color ?? COLORS[i % COLORS.length] },
			itemStyle: { color: s.color ?? COLORS[i % COLORS.length] },
			endLabel: {
				show: true,
				formatter: endTexts[i],
				fontSize: font - 1,
				offset: [0, shifts[i]]
			},
			label: {
				show: !opts.compact,
				position: 'top',
				fontSize: font - 1,
				formatter: (p: { value: number }) => valueText(p.value)
			},
			data: numbers[i].map((v, k) =>
				!opts.compact && !labelled[i][k] ? { value: v, label: { show: false } } : v
			)
		}))
	};
}
