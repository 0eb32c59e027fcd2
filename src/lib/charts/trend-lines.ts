// Chart option: figures over the years or report periods (a line per figure, named at its end), in
// one money unit.
import type { EChartsCoreOption } from './echarts';
import { toChartNumber, yuanToFen, type MoneyUnit } from '../domain/money';

export interface TrendSeries {
	name: string;
	/** One decimal string in 元 per year or period (null where it has no figure). */
	values: (string | null)[];
	color?: string;
}

const COLORS = ['#1f6feb', '#c62828', '#2f855a', '#d29922', '#6b46c1'];

export function trendLinesOption(
	years: readonly (number | string)[],
	series: TrendSeries[],
	opts: { unitLabel: string; unit: MoneyUnit; compact?: boolean }
): EChartsCoreOption {
	const font = opts.compact ? 12 : 14;
	return {
		animation: false,
		grid: { left: 8, right: 120, top: 32, bottom: 8, containLabel: true },
		xAxis: {
			type: 'category',
			data: years.map(String),
			axisLabel: { fontSize: font },
			axisTick: { show: false }
		},
		yAxis: {
			type: 'value',
			name: opts.unitLabel,
			nameTextStyle: { fontSize: font - 2 },
			axisLabel: { fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		series: series.map((s, i) => ({
			name: s.name,
			type: 'line',
			symbolSize: 7,
			lineStyle: { width: 2.5, color: s.color ?? COLORS[i % COLORS.length] },
			itemStyle: { color: s.color ?? COLORS[i % COLORS.length] },
			endLabel: { show: true, formatter: s.name, fontSize: font - 1 },
			label: {
				show: !opts.compact,
				position: 'top',
				fontSize: font - 3,
				formatter: (p: { value: number }) =>
					p.value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
			},
			data: s.values.map((v) => (v === null ? null : toChartNumber(yuanToFen(v), opts.unit)))
		}))
	};
}
