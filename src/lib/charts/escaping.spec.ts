// Charts draw names as canvas or SVG text, never as HTML: no chart on a page has an HTML tooltip, so a
// hostile name reaches the chart only as a string to draw.
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { executionByClassOption } from './execution-by-class';

describe('chart text', () => {
	it('passes a hostile class name through as text to draw, with no HTML tooltip to render it', () => {
		const hostile = '<img src=x onerror=alert(1)>"&\'';
		const option = executionByClassOption(
			[{ code: '205', name: hostile, plan: '100.00', executed: '50.00', rate: '0.5000' }],
			'0.5000',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as { tooltip?: unknown; yAxis: { data: string[] }[] };
		expect(option.tooltip).toBeUndefined();
		expect(option.yAxis[0].data).toEqual([`205 ${hostile}`]);
	});
});
