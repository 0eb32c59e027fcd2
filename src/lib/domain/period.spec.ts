import { describe, expect, it } from 'vitest';
import {
	asOfWindow,
	gapPoints,
	monthEndsThrough,
	paceLevel,
	rangeWindow,
	sameDayLastYear
} from './period';

describe('as-of windows', () => {
	it('reads whole months before the as-of month and the days of that month', () => {
		expect(asOfWindow('2026-11-28')).toEqual({
			yearStart: '2026-01-01',
			monthsBefore: '2026-11-01',
			dayFrom: '2026-11-01',
			asOf: '2026-11-28'
		});
	});
	it('reads a month end from month rows only', () => {
		expect(asOfWindow('2026-10-31')).toMatchObject({ monthsBefore: '2026-11-01', dayFrom: null });
		expect(asOfWindow('2026-12-31')).toMatchObject({ monthsBefore: '2027-01-01', dayFrom: null });
		expect(asOfWindow('2024-02-29')).toMatchObject({ monthsBefore: '2024-03-01', dayFrom: null });
		expect(asOfWindow('2024-02-28')).toMatchObject({
			monthsBefore: '2024-02-01',
			dayFrom: '2024-02-01'
		});
	});
	it('reads any range as whole months plus the days of its partial months', () => {
		expect(rangeWindow('2026-10-01', '2026-10-31')).toEqual({
			months: ['2026-10-01', '2026-11-01'],
			days: []
		});
		expect(rangeWindow('2026-03-15', '2026-06-10')).toEqual({
			months: ['2026-04-01', '2026-06-01'],
			days: [
				['2026-03-15', '2026-03-31'],
				['2026-06-01', '2026-06-10']
			]
		});
		expect(rangeWindow('2026-03-15', '2026-04-10')).toEqual({
			months: null,
			days: [['2026-03-15', '2026-04-10']]
		});
		expect(rangeWindow('2026-01-01', '2026-12-31')).toEqual({
			months: ['2026-01-01', '2027-01-01'],
			days: []
		});
		expect(rangeWindow('2026-01-01', '2026-11-28')).toEqual({
			months: ['2026-01-01', '2026-11-01'],
			days: [['2026-11-01', '2026-11-28']]
		});
		expect(rangeWindow('2026-02-10', '2026-02-10')).toEqual({
			months: null,
			days: [['2026-02-10', '2026-02-10']]
		});
	});
	it('takes the same day last year, 29 February as the 28th', () => {
		expect(sameDayLastYear('2026-11-28')).toBe('2025-11-28');
		expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
	});
	it('lists the month ends a user can pick', () => {
		expect(monthEndsThrough(2026, '2026-03-05')).toEqual(['2026-01-31', '2026-02-28']);
		expect(monthEndsThrough(2026, '2026-03-31')).toEqual([
			'2026-01-31',
			'2026-02-28',
			'2026-03-31'
		]);
		expect(monthEndsThrough(2025, '2026-03-05')).toHaveLength(12);
	});
});

describe('gap to time progress', () => {
	it('is time progress minus rate in percentage points, exact', () => {
		expect(gapPoints('0.9100', '0.8190')).toBe('9.10');
		expect(gapPoints('0.5000', '0.5831')).toBe('-8.31');
		expect(gapPoints('0.5000', null)).toBeNull();
	});
	it('levels at 5 / 10 / 15 points, a gap at a threshold counting as that level', () => {
		expect(paceLevel('4.99')).toBe('ontrack');
		expect(paceLevel('5.00')).toBe('notice');
		expect(paceLevel('10.00')).toBe('warning');
		expect(paceLevel('15.00')).toBe('severe');
		expect(paceLevel('-20.00')).toBe('ontrack');
	});
});
