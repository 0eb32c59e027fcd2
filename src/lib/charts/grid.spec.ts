import { afterEach, describe, expect, it, vi } from 'vitest';
import { getWidth } from 'zrender/lib/contain/text.js';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { renderSvg } from '../server/svg-charts';
import { cumulativeCurveOption } from './cumulative-curve';
import type { EChartsCoreOption } from './echarts';
import { executionByClassOption } from './execution-by-class';
import { gapRankingOption } from './gap-ranking';
import { monthlyBarsOption } from './monthly-bars';
import { trendLinesOption } from './trend-lines';

const t = translator('en');

/** Every chart builder's option on an English page, with money in 亿元 ("100m yuan"). */
const charts: Record<string, EChartsCoreOption> = {
	'execution by class': executionByClassOption(
		[
			{
				code: '205',
				name: '教育支出',
				nameEn: 'Education',
				plan: '12345678900.00',
				executed: '8000000000.00',
				rate: '0.6480'
			}
		],
		'0.9000',
		{ t, locale: 'en', unit: 'yi' }
	),
	'gap ranking': gapRankingOption(
		[{ code: '122', name: '市教育局', gap: '-12.5', rate: '0.7000', level: 'warning' }],
		{ t }
	),
	'cumulative curve': cumulativeCurveOption(
		{
			year: 2026,
			plan: '1000000.00',
			days: [{ date: '2026-03-01', amount: '250000.00' }],
			asOf: '2026-03-31'
		},
		{ t, locale: 'en' }
	),
	'monthly bars': monthlyBarsOption(
		[
			{ month: 1, amount: '123456789000.00', lastYear: '100000000000.00' },
			{ month: 2, amount: '98765432100.00', lastYear: '90000000000.00' }
		],
		{ t, unit: 'yi', thisLabel: '2026', lastLabel: '2025', locale: 'en' }
	),
	'trend lines': trendLinesOption(
		[2024, 2025, 2026],
		[{ name: 'Total assets', values: ['120000000000.00', '130000000000.00', '145000000000.00'] }],
		{ unitLabel: t('unit.yi'), unit: 'yi' }
	)
};

describe('chart grids', () => {
	afterEach(() => vi.restoreAllMocks());

	it('draws every chart without an ECharts deprecation notice in the log', () => {
		const said: string[] = [];
		for (const level of ['log', 'warn', 'error'] as const)
			vi.spyOn(console, level).mockImplementation((...args) => void said.push(args.join(' ')));
		for (const option of Object.values(charts)) renderSvg(option, 640, 320);
		expect(said.filter((s) => s.startsWith('[ECharts]'))).toEqual([]);
	});

	it.each(Object.entries(charts))(
		'keeps every text of %s, axis labels and unit name, whole inside the box',
		(name, option) => {
			const svg = renderSvg(option, 640, 320);
			const texts = [
				...svg.matchAll(
					/<text[^>]*text-anchor="(\w+)" style="font-size:(\d+)px[^>]*transform="translate\(([\d.-]+) [^>]*>([^<]*)</g
				)
			].map(([, anchor, size, x, text]) => {
				// Measured as ECharts measures text when it lays the chart out.
				const width = getWidth(text, `${size}px sans-serif`);
				const left = Number(x) - (anchor === 'end' ? width : anchor === 'middle' ? width / 2 : 0);
				return { text, left, right: left + width };
			});
			expect(texts.length).toBeGreaterThan(3);
			// The money charts name their unit above the value axis.
			if (/monthly|trend/.test(name)) expect(texts.map((t) => t.text)).toContain('100m yuan');
			for (const t of texts) {
				expect(t.left, t.text).toBeGreaterThanOrEqual(0);
				expect(t.right, t.text).toBeLessThanOrEqual(640);
			}
		}
	);
});
