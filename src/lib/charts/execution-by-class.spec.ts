import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { executionByClassOption } from './execution-by-class';

describe('execution by class', () => {
	it('draws the time-progress line beneath the bars and their figures, each figure on its own ground', () => {
		// A class just short of time progress has its figure right where the line runs: the line must
		// not strike through it (a wall is read from 3 m).
		const option = executionByClassOption(
			[{ code: '214', name: '交通运输支出', plan: '100.00', executed: '90.60', rate: '0.9060' }],
			'0.9120',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as { series: { type: string; z?: number; label?: { show: boolean; backgroundColor?: string } }[] };
		const bars = option.series.find((s) => s.type === 'bar')!;
		const line = option.series.find((s) => s.type === 'line')!;
		expect(line.z).toBeLessThan(bars.z ?? 2); // ECharts' default series z is 2
		expect(bars.label?.show).toBe(true);
		expect(bars.label?.backgroundColor).toMatch(/^rgba\(255, 255, 255/);
	});
});
