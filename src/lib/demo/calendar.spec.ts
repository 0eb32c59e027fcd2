import { describe, expect, it } from 'vitest';
import { lastDayThrough, lastMonthThrough, moment, workingDays } from './calendar';

describe('the demo treasury calendar', () => {
	it('pays on weekdays only, and not on New Year’s Day or in the National Day week', () => {
		expect(workingDays(2026, 1, 9)).toEqual([2, 5, 6, 7, 8, 9]); // 1 January is a Thursday
		expect(workingDays(2026, 10, 12)).toEqual([8, 9, 12]);
	});

	it('generates through the given day of its month, whole months before it, nothing after', () => {
		expect(lastMonthThrough(2026, '2026-06-15')).toBe(6);
		expect(lastMonthThrough(2025, '2026-06-15')).toBe(12);
		expect(lastMonthThrough(2027, '2026-06-15')).toBe(0);
		expect(lastDayThrough(2026, 6, '2026-06-15')).toBe(15);
		expect(lastDayThrough(2026, 2, '2026-06-15')).toBe(28);
	});

	it('gives Beijing-time moments whose keys sort like their times', () => {
		const a = moment(2026, 1, 31, 16, 30, 0);
		const b = moment(2026, 2, 1, 8, 0, 0);
		expect(a.text).toBe('2026-01-31T16:30:00+08:00');
		expect(a.key).toBeLessThan(b.key);
	});
});
