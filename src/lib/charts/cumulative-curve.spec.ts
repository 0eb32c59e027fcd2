import { describe, expect, it } from 'vitest';
import {
	cumulativeCurveOption,
	hasLastYearCurve,
	hasThisYearCurve,
	cumulativeShare,
	dayLabels
} from './cumulative-curve';
import { gapBarRows, gapRankingOption } from './gap-ranking';
import { translator } from '../i18n';
import '../i18n/dictionaries';

describe('cumulative execution curve', () => {
	it('accumulates exact daily amounts as a share of plan and stops at the as-of date', () => {
		const labels = ['01-01', '01-02', '01-03', '01-04'];
		const days = [
			{ date: '2026-01-01', amount: '10.00' },
			{ date: '2026-01-03', amount: '15.55' }
		];
		expect(cumulativeShare(labels, 2026, '100.00', days, '2026-01-03')).toEqual([
			10,
			10,
			25.55,
			null
		]);
		// Without a plan there is no share to draw, not a share of 0 %.
		expect(cumulativeShare(labels, 2026, '0.00', days)).toEqual([null, null, null, null]);
	});
	it('labels every day of the year, 29 February in leap years', () => {
		expect(dayLabels(2026)).toHaveLength(365);
		expect(dayLabels(2028)).toContain('02-29');
	});
	it('draws last year only when last year had a plan', () => {
		const t = translator('zh');
		const base = { year: 2026, plan: '100.00', days: [], asOf: '2026-06-30' };
		const withLast = cumulativeCurveOption(
			{ ...base, lastYear: { year: 2025, plan: '90.00', days: [] } },
			{ t }
		) as { series: { name: string }[]; legend?: unknown };
		const without = cumulativeCurveOption(
			{ ...base, lastYear: { year: 2025, plan: '0.00', days: [] } },
			{ t, legend: true }
		) as { series: { name: string }[]; legend?: unknown };
		expect(withLast.series.map((s) => s.name)).toEqual(['序时进度', '2025年', '2026年']);
		expect(without.series.map((s) => s.name)).toEqual(['序时进度', '2026年']);
		// Pages show the line's legend entry by the same test.
		expect(hasLastYearCurve({ lastYear: { year: 2025, plan: '90.00', days: [] } })).toBe(true);
		expect(hasLastYearCurve({ lastYear: { year: 2025, plan: '0.00', days: [] } })).toBe(false);
		expect(hasLastYearCurve({})).toBe(false);
		// This year's line likewise: a budget without a plan (spending or not) has no curve, only time progress.
		const noPlan = cumulativeCurveOption(
			{ ...base, plan: '0.00', days: [{ date: '2026-03-01', amount: '500.00' }] },
			{ t }
		) as { series: { name: string }[] };
		expect(noPlan.series.map((s) => s.name)).toEqual(['序时进度']);
		expect(hasThisYearCurve({ plan: '0.00' })).toBe(false);
		expect(hasThisYearCurve({ plan: '0.01' })).toBe(true);
		// The legend is drawn by ECharts only when asked (printed SVG); pages draw it in HTML.
		expect(withLast.legend).toBeUndefined();
		expect(without.legend).toBeDefined();
	});
});

describe('gap ranking bars', () => {
	it('shows the largest gaps with the worst at the top, leaving out subjects without a plan', () => {
		const row = (code: string, gap: string | null) => ({
			code,
			name: code,
			gap,
			rate: '0.5',
			level: 'notice' as const
		});
		expect(
			gapBarRows([row('a', '20.00'), row('b', '10.00'), row('c', null)], 2).map((r) => r.code)
		).toEqual(['b', 'a']);
	});

	it('labels each bar with its gap as the tables show it, not rounded a second time', () => {
		const t = translator('zh');
		const rows = [
			{ code: 'a', name: 'a', gap: '1.25', rate: '0.5', level: 'notice' as const },
			{ code: 'b', name: 'b', gap: '34.17', rate: '0.5', level: 'severe' as const }
		];
		const option = gapRankingOption(rows, { t }) as {
			series: { label: { formatter: (p: { dataIndex: number }) => string } }[];
		};
		const shown = gapBarRows(rows);
		const labels = shown.map((_, i) => option.series[0].label.formatter({ dataIndex: i }));
		// 1.25 re-rounded to one decimal would read 1.3 for an exact gap of, say, 1.249.
		expect(labels).toEqual(shown.map((r) => r.gap));
	});
});
