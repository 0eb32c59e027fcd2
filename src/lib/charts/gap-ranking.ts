// Chart option: subjects (departments) ranked by their gap to time progress, coloured by pace level.
import type { EChartsCoreOption } from './echarts';
import type { Translate } from '../i18n';
import { PALETTE } from './execution-by-class';
import { LABELS_INSIDE } from './grid';

export interface GapBar {
	code: string;
	name: string | null;
	gap: string | null;
	rate: string | null;
	level: 'ontrack' | 'notice' | 'warning' | 'severe';
}

/** The rows the bars show, bottom to top (a click's dataIndex points into this list). */
export function gapBarRows<T extends GapBar>(rows: T[], limit = 12): T[] {
	return rows
		.filter((r) => r.gap !== null)
		.slice(0, limit)
		.reverse();
}

/** The `limit` largest gaps (behind time first) as horizontal bars in percentage points. */
export function gapRankingOption(
	rows: GapBar[],
	opts: { t: Translate; limit?: number; compact?: boolean }
): EChartsCoreOption {
	const shown = gapBarRows(rows, opts.limit);
	const font = opts.compact ? 12 : 17;
	return {
		animation: false,
		grid: {
			left: 8,
			right: 64,
			top: 8,
			bottom: 8,
			...LABELS_INSIDE
		},
		xAxis: {
			type: 'value',
			axisLabel: { formatter: '{value}', fontSize: font - 2 },
			splitLine: { lineStyle: { color: '#eef1f6' } }
		},
		yAxis: {
			type: 'category',
			data: shown.map((r) => r.name ?? r.code),
			axisLabel: { fontSize: font, color: '#1f2937', width: 190, overflow: 'truncate' },
			axisTick: { show: false }
		},
		series: [
			{
				type: 'bar',
				barWidth: '64%',
				barMaxWidth: font * 3,
				data: shown.map((r) => ({
					value: Number(r.gap),
					itemStyle: { color: PALETTE[r.level], borderRadius: 3 }
				})),
				label: {
					show: true,
					position: 'right',
					fontSize: font,
					fontWeight: 'bold',
					// Plain ink (the wall swaps it for its light text): without a colour ECharts draws the
					// figure hollow, outlined, which blurs it from across the room.
					color: '#1f2937',
					// The gap as the tables show it (exact, rounded once): re-rounding it to one decimal here
					// would round twice (an exact 1.249 shown 1.25 in the table and 1.3 on the bar).
					formatter: (p: { dataIndex: number }) => shown[p.dataIndex]?.gap ?? ''
				}
			}
		]
	};
}
