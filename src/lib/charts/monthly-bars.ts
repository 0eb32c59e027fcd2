// Chart option: amounts by month (this year, optionally last year beside it), in one money unit.
import type { EChartsCoreOption } from './echarts';
import { toChartNumber, yuanToFen, type MoneyUnit } from '../domain/money';
import { monthLabel } from '../domain/format';
import type { Locale, MessageKey, Translate } from '../i18n';
import { PALETTE } from './execution-by-class';

export interface MonthBar {
	month: number;
	amount: string;
	lastYear?: string;
}

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
	}
): EChartsCoreOption {
	const font = opts.compact ? 12 : 16;
	const unit = opts.t(`unit.${opts.unit}` as MessageKey);
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
		data: months.map((m) => toChartNumber(yuanToFen(m.amount), opts.unit)),
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
		grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
		...(opts.legend ? { legend: { top: 0, right: 0, textStyle: { fontSize: font } } } : {}),
		xAxis: {
			type: 'category',
			data: months.map((m) => monthLabel(m.month, opts.locale ?? 'zh')),
			axisLabel: { fontSize: font },
			axisTick: { show: false }
		},
		yAxis: {
			type: 'value',
			name: unit,
			nameTextStyle: { fontSize: font - 2 },
			axisLabel: { fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		series
	};
}
