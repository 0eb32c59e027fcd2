import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { renderSvg } from '../server/svg-charts';
import { executionByClassOption } from './execution-by-class';

describe('execution by class', () => {
	it('labels the classes by their English names in English, as the tables do, and in Chinese in Chinese', () => {
		const classes = [
			{
				code: '205',
				name: '教育支出',
				nameEn: 'Education',
				plan: '100.00',
				executed: '80.00',
				rate: '0.8000'
			},
			{
				code: '20502',
				name: '普通教育',
				nameEn: null,
				plan: '50.00',
				executed: '40.00',
				rate: '0.8000'
			}
		];
		const labels = (locale: 'zh' | 'en') =>
			(
				executionByClassOption(classes, '0.9000', {
					t: translator(locale),
					locale,
					unit: 'wan'
				}) as {
					yAxis: { data?: string[] }[];
				}
			).yAxis[0].data;
		// Bottom to top: the largest plan is drawn last.
		expect(labels('en')).toEqual(['20502 普通教育', '205 Education']);
		expect(labels('zh')).toEqual(['20502 普通教育', '205 教育支出']);
	});

	it('on a screen shows a long English name whole, broken between words; a printed sheet cuts it', () => {
		const long = 'Expenditure from the education surcharge';
		const classes = [
			{
				code: '20509',
				name: '教育费附加安排的支出',
				nameEn: long,
				plan: '100.00',
				executed: '80.00',
				rate: '0.8000'
			},
			{
				code: '20502',
				name: '普通教育',
				nameEn: 'General education',
				plan: '90.00',
				executed: '80.00',
				rate: '0.8000'
			}
		];
		const texts = (compact: boolean) =>
			[
				...renderSvg(
					executionByClassOption(classes, '0.9000', {
						t: translator('en'),
						locale: 'en',
						unit: 'wan',
						compact
					}),
					1100,
					2 * 42 + 80
				).matchAll(/<text[^>]*>([^<]*)<\/text>/g)
			].map((m) => m[1]);
		const screen = texts(false);
		expect(screen.join(' ')).toContain(`20509 ${long}`.split(' ').slice(0, 3).join(' '));
		expect(screen.join(' ')).toContain('surcharge');
		expect(screen.some((x) => /…|\.\.\./.test(x))).toBe(false);
		// Whole words on each line.
		for (const word of `20509 ${long}`.split(' '))
			expect(screen.some((x) => x.split(' ').includes(word))).toBe(true);
		expect(texts(true).some((x) => /…|\.\.\./.test(x))).toBe(true);
	});

	it('draws the time-progress line beneath the bars and their figures, each figure on its own ground', () => {
		// A class just short of time progress has its figure right where the line runs: the line must
		// not strike through it (a wall is read from 3 m).
		const option = executionByClassOption(
			[{ code: '214', name: '交通运输支出', plan: '100.00', executed: '90.60', rate: '0.9060' }],
			'0.9120',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as {
			series: { type: string; z?: number; label?: { show: boolean; backgroundColor?: string } }[];
		};
		const bars = option.series.find((s) => s.type === 'bar')!;
		const line = option.series.find((s) => s.type === 'line')!;
		expect(line.z).toBeLessThan(bars.z ?? 2); // ECharts' default series z is 2
		expect(bars.label?.show).toBe(true);
		expect(bars.label?.backgroundColor).toMatch(/^rgba\(255, 255, 255/);
	});

	it('draws time progress across the whole plot however few the bars, a lone bar kept to a bar’s thickness', () => {
		// A budget with one function class (国有资本经营预算: 223 only) drew no line at all before.
		for (const n of [1, 2, 14]) {
			const classes = Array.from({ length: n }, (_, i) => ({
				code: String(201 + i),
				name: null,
				plan: '100.00',
				executed: '66.50',
				rate: '0.6650'
			}));
			const svg = renderSvg(
				executionByClassOption(classes, '0.9120', {
					t: translator('zh'),
					locale: 'zh',
					unit: 'wan'
				}),
				800,
				400
			);
			const dashed = svg.match(/<path d="([^"]*)"[^>]*stroke-dasharray/)![1];
			const ys = [...dashed.matchAll(/[ML]([\d.]+) ([\d.-]+)/g)].map((m) => Number(m[2]));
			expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThanOrEqual(290); // the plot: 400 px less the margins and the axis labels
			const bar = svg.match(/<path d="M[\d.]+ ([\d.]+)L[^"]*?L[\d.]+ ([\d.]+)Z" fill="#c62828"/)!;
			expect(Number(bar[2]) - Number(bar[1])).toBeLessThanOrEqual(18 * 3);
		}
	});
});
