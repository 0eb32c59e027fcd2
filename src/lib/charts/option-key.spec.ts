import { describe, expect, it } from 'vitest';
import { executionByClassOption } from './execution-by-class';
import { optionKey } from './option-key';

const t = ((k: string) => k) as Parameters<typeof executionByClassOption>[2]['t'];
const classes = (executed: string) => [
	{ code: '205', name: '教育', plan: '3000000000.00', executed, rate: null },
	{ code: '208', name: '社会保障', plan: '2000000000.00', executed: '900000000.00', rate: '0.45' }
];

describe('optionKey', () => {
	it('is the same for two builds of one chart from the same figures', () => {
		const a = executionByClassOption(classes('1200000000.00'), '0.5', {
			t,
			locale: 'zh',
			unit: 'wan'
		});
		const b = executionByClassOption(classes('1200000000.00'), '0.5', {
			t,
			locale: 'zh',
			unit: 'wan'
		});
		expect(a).not.toBe(b);
		expect(optionKey(a)).toBe(optionKey(b));
	});

	it('changes when a bar, the time-progress line or a label changes', () => {
		const base = optionKey(
			executionByClassOption(classes('1200000000.00'), '0.5', { t, locale: 'zh', unit: 'wan' })
		);
		const withRate = (rate: string) =>
			optionKey(
				executionByClassOption(
					[{ code: '205', name: '教育', plan: '3000000000.00', executed: '1', rate }],
					'0.5',
					{ t, locale: 'zh', unit: 'wan' }
				)
			);
		expect(withRate('0.40')).not.toBe(withRate('0.41'));
		expect(
			optionKey(executionByClassOption(classes('1.00'), '0.51', { t, locale: 'zh', unit: 'wan' }))
		).not.toBe(base);
		const renamed = classes('1200000000.00').map((c) => ({ ...c, name: `${c.name}支出` }));
		expect(
			optionKey(executionByClassOption(renamed, '0.5', { t, locale: 'zh', unit: 'wan' }))
		).not.toBe(base);
	});

	it('tells functions apart by their source', () => {
		const a = { label: { formatter: (p: { value: number }) => p.value.toFixed(1) } };
		const b = { label: { formatter: (p: { value: number }) => p.value.toFixed(2) } };
		const c = { label: { formatter: (p: { value: number }) => p.value.toFixed(1) } };
		expect(optionKey(a)).not.toBe(optionKey(b));
		expect(optionKey(a)).toBe(optionKey(c));
		expect(optionKey({ label: {} })).not.toBe(optionKey(a));
	});
});
