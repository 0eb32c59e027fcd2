import { describe, expect, it } from 'vitest';
import { executionByClassOption, PALETTE } from '../charts/execution-by-class';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { forWall, WALL, WALL_ECHARTS_THEME } from './theme';

/** The parts of the chart option this test reads. */
type Label = { fontSize?: number; lineHeight?: number; formatter?: unknown; color?: string };
type Option = {
	yAxis: { axisLabel: Label; data: string[] }[];
	series: { label: Label; endLabel: Label; itemStyle?: { color?: string }; data: unknown[] }[];
};

describe('wall charts', () => {
	const option = () =>
		executionByClassOption(
			[{ code: '205', name: '教育支出', plan: '100.00', executed: '50.00', rate: '0.5000' }],
			'0.5000',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as unknown as Option;

	it('multiplies every font size and line height of a chart option and leaves the rest alone', () => {
		const desk = option();
		const big = forWall(desk, 1.5);
		expect(big.yAxis[0].axisLabel.fontSize).toBe(27);
		// A name broken onto two lines keeps its lines apart at the wall's size.
		expect(big.yAxis[0].axisLabel.lineHeight).toBe(
			Math.round(desk.yAxis[0].axisLabel.lineHeight! * 1.5)
		);
		expect(big.yAxis[0].axisLabel.lineHeight).toBeGreaterThanOrEqual(27);
		expect(big.series[0].label.fontSize).toBe(27);
		expect(big.series[1].endLabel.fontSize).toBe(24);
		expect(big.yAxis[0].data).toEqual(['205 教育支出']);
		expect(typeof big.series[0].label.formatter).toBe('function');
		expect(desk.yAxis[0].axisLabel.fontSize).toBe(18); // the original is not changed
	});

	it('swaps the desk colours for the wall’s: no dark text or light bars left on a dark ground', () => {
		const text = JSON.stringify(forWall(option(), 1));
		for (const desk of Object.values(PALETTE)) expect(text).not.toContain(`"${desk}"`);
		expect(text).not.toContain('"#1f2937"');
		expect(text).not.toContain('rgba(255, 255, 255');
		expect(text).toContain(WALL.ontrack);
		expect(text).toContain(WALL.text);
	});

	it('names real fonts: a canvas given an unknown family falls back to 10 px text', () => {
		expect(WALL_ECHARTS_THEME.textStyle.fontFamily).toMatch(/sans-serif$/);
		expect(WALL_ECHARTS_THEME.textStyle.fontFamily).not.toMatch(/inherit/);
	});
});
