// ECharts renders tooltips as HTML: every name that reaches a tooltip must be escaped.
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { executionByClassOption } from './execution-by-class';

describe('chart tooltips', () => {
	it('show a hostile class name as text, not markup', () => {
		const option = executionByClassOption(
			[{ code: '205', name: '<img src=x onerror=alert(1)>"&\'', plan: '100.00', executed: '50.00', rate: '0.5000' }],
			'0.5000',
			{ t: translator('zh'), locale: 'zh', unit: 'wan' }
		) as { tooltip: { formatter: (p: unknown) => string } };
		const html = option.tooltip.formatter([{ dataIndex: 0 }]);
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
		expect(html).not.toContain('<img');
	});
});
