import { describe, expect, it } from 'vitest';
import { executionByClassOption } from './execution-by-class';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { forNarrowBox, NARROW_SPLITS } from './narrow';
import { gapRankingOption } from './gap-ranking';
import { trendLinesOption } from './trend-lines';

type Label = { width?: number; hideOverlap?: boolean; overflow?: string; fontSize?: number };
type Axis = { type: string; axisLabel?: Label };
type Option = { xAxis: Axis | Axis[]; yAxis: Axis | Axis[] };

const t = translator('zh');
const option = executionByClassOption(
	[{ code: '205', name: '教育支出', plan: '100.00', executed: '50.00', rate: '0.5000' }],
	'0.5000',
	{ t, locale: 'zh', unit: 'wan' }
);

describe('forNarrowBox', () => {
	it('leaves a wide box’s option as it is', () => {
		expect(forNarrowBox(option, 1200)).toBe(option);
		expect(forNarrowBox(option, 0)).toBe(option);
	});

	it('on a phone leaves out overlapping labels and keeps category labels to a third, at the same size', () => {
		const desk = option as unknown as Option;
		const phone = forNarrowBox(option, 360) as unknown as Option;
		const [classes] = phone.yAxis as Axis[];
		const [deskClasses] = desk.yAxis as Axis[];
		expect(deskClasses.axisLabel!.width).toBeGreaterThan(120);
		expect(classes.axisLabel).toMatchObject({ width: 120, overflow: 'break' });
		// Wrapped, not cut, and none left out: one band per name.
		expect(classes.axisLabel!.hideOverlap).toBeUndefined();
		expect((classes.axisLabel as Label & { lineHeight: number }).lineHeight).toBeGreaterThanOrEqual(
			deskClasses.axisLabel!.fontSize!
		);
		expect(classes.axisLabel!.fontSize).toBe(deskClasses.axisLabel!.fontSize);
		expect((phone.xAxis as Axis).axisLabel).toMatchObject({ hideOverlap: true });
		// The desk option is not changed.
		expect(deskClasses.axisLabel!.hideOverlap).toBeUndefined();
	});

	it('draws a value axis across a phone in fewer, even ticks', () => {
		const ranking = gapRankingOption(
			[{ code: '138', name: '市水利和湖泊局', gap: '30.00', rate: '0.5', level: 'severe' }],
			{ t }
		);
		const phone = forNarrowBox(ranking, 360) as unknown as Option & {
			xAxis: Axis & { splitNumber?: number };
			yAxis: Axis & { splitNumber?: number };
		};
		expect(phone.xAxis.type).toBe('value');
		expect(phone.xAxis.splitNumber).toBe(NARROW_SPLITS);
		expect(phone.yAxis.splitNumber).toBeUndefined();
		expect((ranking as { xAxis: { splitNumber?: number } }).xAxis.splitNumber).toBeUndefined();
	});

	it('draws every year under a trend on a phone beside long English end labels, when they fit', () => {
		const years = [2023, 2024, 2025];
		const lines = ['Total assets', 'Total liabilities', 'Equity'].map((name) => ({
			name,
			values: ['53498000000', '57243000000', '61250000000']
		}));
		const trend = trendLinesOption(years, lines, { unitLabel: '100m yuan', unit: 'yi' });
		const phone = forNarrowBox(trend, 340) as unknown as Option & {
			grid: { right: number };
			series: { endLabel: { formatter: string } }[];
		};
		const desk = trend as unknown as typeof phone;
		// The names alone at the lines' ends (the figures are in the sentence and table beside it).
		expect(desk.series[1].endLabel.formatter).toBe('Total liabilities 612.5');
		expect(phone.series.map((s) => s.endLabel.formatter)).toEqual(lines.map((l) => l.name));
		expect(phone.grid.right).toBeLessThan(desk.grid.right);
		expect((phone.xAxis as Axis).axisLabel).toMatchObject({ interval: 0 });
		// Twelve months do not fit beside them: ECharts leaves out what would overlap.
		const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
		const monthly = trendLinesOption(
			months,
			lines.map((l) => ({ ...l, values: months.map(() => '100') })),
			{ unitLabel: '100m yuan', unit: 'yi' }
		);
		const narrow = forNarrowBox(monthly, 340) as unknown as Option;
		expect((narrow.xAxis as Axis).axisLabel).toMatchObject({ hideOverlap: true });
		expect((narrow.xAxis as Axis).axisLabel).not.toHaveProperty('interval');
	});

	it('leaves out the point figures that would touch on a phone, not on the desk', () => {
		const values = ['154436000000', '161753000000', '168000000000', '170000000000'];
		const trend = trendLinesOption([2022, 2023, 2024, 2025], [{ name: '资产总额', values }], {
			unitLabel: '亿元',
			unit: 'yi'
		}) as { series: { data: unknown[] }[] };
		const labelled = (o: typeof trend) =>
			o.series[0].data.map(
				(p) =>
					!(typeof p === 'object' && (p as { label?: { show?: boolean } }).label?.show === false)
			);
		// The desk: every figure but the last (its end label names it).
		expect(labelled(trend)).toEqual([true, true, true, false]);
		expect(forNarrowBox(trend, 1200)).toBe(trend);
		// A phone: every other one, counted back from the end; the figures are kept.
		const phone = forNarrowBox(trend, 360) as typeof trend;
		expect(labelled(phone)).toEqual([false, true, false, false]);
		expect(
			phone.series[0].data.map((p) => (typeof p === 'object' ? (p as { value: number }).value : p))
		).toEqual(
			trend.series[0].data.map((p) => (typeof p === 'object' ? (p as { value: number }).value : p))
		);
	});
});
