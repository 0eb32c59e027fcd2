import { describe, expect, it } from 'vitest';
import { endLabelShifts, trendLinesOption } from './trend-lines';

type Series = {
	endLabel: { formatter: string; offset: [number, number] };
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
