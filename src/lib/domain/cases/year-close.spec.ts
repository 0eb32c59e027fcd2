import { describe, expect, it } from 'vitest';
import { isYearCloseOn, yearCloseDate, yearsDue } from './year-close';

describe('year close', () => {
	it('closes a year on the setting day of the next year, not a day before', () => {
		expect(yearCloseDate(2025, '03-31')).toBe('2026-03-31');
		expect(yearsDue([2024, 2025, 2026], '2026-03-30', '03-31')).toEqual([2024]);
		expect(yearsDue([2026, 2025, 2025], '2026-03-31', '03-31')).toEqual([2025]);
		expect(yearsDue([2026], '2026-12-31', '03-31')).toEqual([]);
	});

	it('accepts only month-days every year has', () => {
		expect(isYearCloseOn('03-31')).toBe(true);
		expect(isYearCloseOn('12-31')).toBe(true);
		expect(isYearCloseOn('02-29')).toBe(false);
		expect(isYearCloseOn('04-31')).toBe(false);
		expect(isYearCloseOn('3-31')).toBe(false);
		expect(isYearCloseOn('13-01')).toBe(false);
	});
});
