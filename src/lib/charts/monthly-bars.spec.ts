import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { monthlyBarsOption, partialMonth } from './monthly-bars';

type Option = {
	xAxis: { data: string[] };
	series: { name: string; data: (number | { value: number; itemStyle: { decal: object } })[] }[];
};

// Collection through 7 December beside last year's whole months (the revenue page and wall screen).
const months = Array.from({ length: 12 }, (_, i) => ({
	month: i + 1,
	amount: '100000000.00',
	lastYear: '120000000.00'
}));
const bars = (asOf: string | undefined, locale: 'zh' | 'en' = 'zh') =>
	monthlyBarsOption(months, {
		t: translator(locale),
		unit: 'yi',
		thisLabel: '2026',
		lastLabel: '2025',
		locale,
		asOf
	}) as unknown as Option;

describe('monthlyBarsOption: the as-of month', () => {
	it('labels the as-of month as running only to the as-of day, in either language', () => {
		const zh = bars('2026-12-07').xAxis.data;
		expect(zh[11]).toBe('12月\n至7日');
		expect(zh.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => `${i + 1}月`));
		expect(bars('2026-12-07', 'en').xAxis.data[11]).toBe('Dec\nto 7th');
		expect(bars('2026-03-01', 'en').xAxis.data[2]).toBe('Mar\nto 1st');
		expect(bars('2026-03-22', 'en').xAxis.data[2]).toBe('Mar\nto 22nd');
		expect(bars('2026-03-13', 'en').xAxis.data[2]).toBe('Mar\nto 13th');
	});

	it("hatches this year's partial bar only, keeping its figure; last year's bars stay whole", () => {
		const [last, current] = bars('2026-12-07').series;
		expect(current.data[11]).toMatchObject({ value: 1, itemStyle: { decal: expect.any(Object) } });
		expect(current.data.slice(0, 11)).toEqual(Array(11).fill(1));
		expect(last.data).toEqual(Array(12).fill(1.2));
	});

	it('marks nothing when the as-of date ends its month (a past year seen as of 31 December)', () => {
		for (const asOf of ['2025-12-31', '2026-11-30', '2024-02-29', undefined]) {
			const option = bars(asOf);
			expect(option.xAxis.data.some((l) => l.includes('至'))).toBe(false);
			expect(option.series[1].data.every((v) => typeof v === 'number')).toBe(true);
		}
		expect(partialMonth('2026-02-28')).toBeNull();
		expect(partialMonth('2024-02-28')).toEqual({ month: 2, day: 28 });
	});
});
