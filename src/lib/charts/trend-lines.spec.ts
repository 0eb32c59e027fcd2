import { describe, expect, it } from 'vitest';
import { axisSpan, endLabelShifts, pointLabels, trendLinesOption } from './trend-lines';

type Series = {
	endLabel: { formatter: string; offset: [number, number]; fontSize: number };
	label: { show: boolean; fontSize: number };
	data: (number | { value: number; label: { show: boolean } })[];
};

describe('trendLinesOption', () => {
	// The debt page's trend: limit and balance end 16.4 亿元 apart, issuance far below.
	const option = trendLinesOption(
		[2024, 2025, 2026],
		[
			{ name: '债务限额', values: ['27412000000.00', '29057000000.00', '30800000000.00'] },
			{ name: '债务余额', values: ['18489000000.00', '23700000000.00', '29160000000.00'] },
			{ name: '发行', values: ['6425000000.00', '6735000000.00', '7060000000.00'] }
		],
		{ unitLabel: '亿元', unit: 'yi' }
	) as { series: Series[] };

	it('names each line with its last figure at its end, not above the point as well', () => {
		expect(option.series.map((s) => s.endLabel.formatter)).toEqual([
			'债务限额 308',
			'债务余额 291.6',
			'发行 70.6'
		]);
		expect(option.series[0].data[2]).toEqual({ value: 308, label: { show: false } });
		expect(option.series[0].data[1]).toBe(290.57);
	});

	it('draws the end labels of lines ending close together apart, the higher line’s above', () => {
		const [limit, balance, issued] = option.series.map((s) => s.endLabel.offset[1]);
		expect(limit).toBeLessThan(0);
		expect(balance).toBeGreaterThan(0);
		expect(balance - limit).toBeGreaterThanOrEqual(14);
		expect(issued).toBe(0);
	});
});

describe('point figures', () => {
	// The financial institutions of the demo city: liabilities close under assets, equity far below.
	const financial = trendLinesOption(
		[2023, 2024, 2025],
		[
			{ name: 'Total assets', values: ['57136000000.00', '60991000000.00', '65110000000.00'] },
			{
				name: 'Total liabilities',
				values: ['50109000000.00', '53656000000.00', '57450000000.00']
			},
			{ name: 'Equity', values: ['7027000000.00', '7335000000.00', '7660000000.00'] }
		],
		{ unitLabel: '100m yuan', unit: 'yi' }
	) as { series: Series[] };
	const [assets, liabilities, equity] = financial.series;

	it('leaves out a figure that would sit on the line just above it, and keeps those with room', () => {
		expect(liabilities.data.slice(0, 2)).toEqual([
			{ value: 501.09, label: { show: false } },
			{ value: 536.56, label: { show: false } }
		]);
		expect(assets.data.slice(0, 2)).toEqual([571.36, 609.91]);
		expect(equity.data.slice(0, 2)).toEqual([70.27, 73.35]);
	});

	it('draws the figures it keeps as large as the end labels, to be read from across the room', () => {
		expect(assets.label.fontSize).toBe(assets.endLabel.fontSize);
		expect(assets.label.fontSize).toBeGreaterThanOrEqual(13);
	});

	it('leaves out the equity figures just under the assets of the administrative units', () => {
		const administrative = trendLinesOption(
			[2023, 2024, 2025],
			[
				{ name: '资产总额', values: ['116817000000.00', '121925000000.00', '127260000000.00'] },
				{ name: '负债总额', values: ['22858000000.00', '23368000000.00', '23890000000.00'] },
				{ name: '所有者权益', values: ['93959000000.00', '98557000000.00', '103370000000.00'] }
			],
			{ unitLabel: '亿元', unit: 'yi' }
		) as { series: Series[] };
		expect(administrative.series.map((s) => s.data.map((d) => typeof d === 'number'))).toEqual([
			[true, true, false],
			[true, true, false],
			[false, false, false]
		]);
	});

	it('measures the room against the value axis ECharts draws', () => {
		expect(axisSpan(0, 1272.6)).toBe(1500);
		expect(axisSpan(0, 651.1)).toBe(700);
		expect(axisSpan(0, 1694.45)).toBe(1800);
		expect(axisSpan(-40, 300)).toBe(350); // −50 to 300 by 50
	});

	it('labels no point of two lines level with each other, nor of a line of many points', () => {
		expect(
			pointLabels(
				[
					[10, 20, 30],
					[10, 5, 30]
				],
				[2, 2],
				30
			)
		).toEqual([
			[false, true, false],
			[false, true, false]
		]);
		const long = Array.from({ length: 9 }, (_, k) => k);
		expect(pointLabels([long], [8], 8)[0].some(Boolean)).toBe(false);
	});
});

describe('endLabelShifts', () => {
	it('leaves lines ending far apart where they are', () => {
		expect(endLabelShifts([300, 100, 0], 300, 16)).toEqual([0, 0, 0]);
	});

	it('spreads a run of close ends around its middle, whatever the series order', () => {
		expect(endLabelShifts([99, 100, 98, 10], 100, 16)).toEqual([0, -16, 16, 0]);
	});

	it('skips a line without figures', () => {
		expect(endLabelShifts([null, 100, 99], 100, 10)).toEqual([0, -5, 5]);
	});
});
