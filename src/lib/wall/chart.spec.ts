import { describe, expect, it } from 'vitest';
import { executionByClassOption } from '../charts/execution-by-class';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { enlargeText } from './chart';

/** The parts of the chart option this test reads. */
type Label = { fontSize?: number; formatter?: unknown };
type Option = {
	yAxis: { axisLabel: Label; data: string[] }[];
	series: { label: Label; endLabel: Label }[];
};

describe('wall chart text', () => {
	it('multiplies every font size of a chart option and leaves the rest alone', () => {
		const option = executionByClassOption(
			[{ code: '205', name: '教育支出', plan: '100.00', executed: '50.00', rate: '0.5000' }],
			'0.5000',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as unknown as Option;
		const big = enlargeText(option, 1.5);
		expect(big.yAxis[0].axisLabel.fontSize).toBe(27);
		expect(big.series[0].label.fontSize).toBe(27);
		expect(big.series[1].endLabel.fontSize).toBe(24);
		expect(big.yAxis[0].data).toEqual(['205 教育支出']);
		expect(typeof big.series[0].label.formatter).toBe('function');
		expect(option.yAxis[0].axisLabel.fontSize).toBe(18); // the original is not changed
	});
});
