// Chart option: execution of each function class against its plan, with time progress marked.
import type { EChartsCoreOption } from './echarts';
import { codeLabel } from '../domain/codes';
import { yuanToFen, type MoneyUnit } from '../domain/money';
import type { Locale, Translate } from '../i18n';
import { LABELS_INSIDE } from './grid';

export interface ClassBar {
	code: string;
	name: string | null;
	/** The code table's English name, shown in English where there is one. */
	nameEn?: string | null;
	plan: string;
	executed: string;
	rate: string | null;
}

export const PALETTE = {
	plan: '#d9dee8',
	ontrack: '#1f6feb',
	notice: '#d29922',
	warning: '#e36209',
	severe: '#c62828',
	progress: '#111827',
	lastYear: '#8c95a6'
};

/** Colour by how far a rate lags time progress, in percentage points (thresholds 5/10/15). */
export function lagColour(rate: string | null, timeProgress: string): string {
	if (rate === null) return PALETTE.plan;
	const lagPp = (Number(timeProgress) - Number(rate)) * 100;
	if (lagPp >= 15) return PALETTE.severe;
	if (lagPp >= 10) return PALETTE.warning;
	if (lagPp >= 5) return PALETTE.notice;
	return PALETTE.ontrack;
}

/** The rows the bars show, bottom to top (a click's dataIndex points into this list). */
export function classBarRows<T extends ClassBar>(classes: T[], limit = 14): T[] {
	return classes
		.filter((c) => yuanToFen(c.plan) > 0n)
		.slice(0, limit)
		.reverse();
}

/**
 * Horizontal bars per class: execution rate (%) coloured by lag, a vertical line at time progress,
 * labels large enough to read on a wall screen from 3 m. Exact plan and spent are in the page's table.
 */
export function executionByClassOption(
	classes: ClassBar[],
	timeProgress: string,
	opts: {
		t: Translate;
		locale: Locale;
		unit: MoneyUnit;
		limit?: number;
		compact?: boolean;
		/** The class names' width in px (a phone's narrow chart leaves the bars more room). */
		labelWidth?: number;
	}
): EChartsCoreOption {
	// Wall screens read from 3 m get large type; printed reports (compact) smaller type.
	const font = opts.compact ? 11 : 18;
	const rows = classBarRows(classes, opts.limit);
	const tp = Math.round(Number(timeProgress) * 1000) / 10;
	return {
		animation: false,
		grid: {
			left: 8,
			right: 96,
			top: 40,
			bottom: 36,
			...LABELS_INSIDE
		},
		xAxis: {
			type: 'value',
			max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
			axisLabel: { formatter: '{value}%', fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		yAxis: [
			{
				type: 'category',
				data: rows.map((c) => codeLabel(c.code, c.name, opts.locale, c.nameEn)),
				axisLabel: {
					fontSize: font,
					color: '#1f2937',
					width: opts.labelWidth ?? (opts.compact ? 170 : 300),
					// A screen's rows (2.6rem) hold a name on two lines, broken between words, and every
					// row keeps its name; a printed sheet's small rows hold one, so there a long name is cut.
					...(opts.compact
						? { overflow: 'truncate' }
						: { overflow: 'break', lineHeight: Math.round(font * 1.1), interval: 0 })
				},
				axisTick: { show: false }
			},
			// 0–1 over the plot's height, for the time-progress line: it spans the plot however few the bars.
			{ type: 'value', min: 0, max: 1, show: false }
		],
		series: [
			rateBars(rows, timeProgress, opts.t, font),
			progressLine(rows.length > 0, tp, opts.t, font)
		]
	};
}

/** The bars: execution rate (%) of each class, coloured by its lag, the figure at the bar's end. */
function rateBars(rows: ClassBar[], timeProgress: string, t: Translate, font: number) {
	return {
		type: 'bar',
		name: t('chart.rate'),
		barWidth: '62%',
		barMaxWidth: font * 3,
		data: rows.map((c) => ({
			value: c.rate === null ? 0 : Math.round(Number(c.rate) * 1000) / 10,
			itemStyle: { color: lagColour(c.rate, timeProgress), borderRadius: [0, 4, 4, 0] }
		})),
		label: {
			show: true,
			position: 'right',
			formatter: (p: { value: number }) => `${p.value.toFixed(1)}%`,
			fontSize: font,
			fontWeight: 'bold',
			color: '#111827',
			// A figure next to time progress sits on the line: its own ground keeps it legible.
			backgroundColor: 'rgba(255, 255, 255, 0.92)',
			padding: [1, 3],
			borderRadius: 3
		}
	};
}

/**
 * Time progress as a vertical dashed line across the bars (a line series: no mark-line component),
 * drawn beneath the bars and their figures: it shows in the gaps between bars. `tp` is in percent.
 */
function progressLine(shown: boolean, tp: number, t: Translate, font: number) {
	return {
		type: 'line',
		name: t('overview.timeProgress'),
		silent: true,
		symbol: 'none',
		z: 1,
		yAxisIndex: 1,
		lineStyle: { color: PALETTE.progress, type: 'dashed', width: 2 },
		data: shown
			? [
					[tp, 0],
					[tp, 1]
				]
			: [],
		endLabel: {
			show: shown,
			formatter: `${t('overview.timeProgress')} ${tp.toFixed(1)}%`,
			fontSize: font - 2,
			color: PALETTE.progress,
			align: 'center',
			offset: [0, -(font - 2)]
		}
	};
}
