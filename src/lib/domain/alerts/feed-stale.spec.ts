import { describe, expect, it } from 'vitest';
import { judgeFeedStale, workingHoursBetween } from './feed-stale';
import { DEFAULT_PARAMS } from './params';

const tz = 'Asia/Shanghai';
const t = (s: string) => new Date(s);
const hours = (from: string, to: string) =>
	Number(workingHoursBetween(t(from), t(to), tz, 9, 17)) / 1e6;
const judge = (from: string, to: string) =>
	judgeFeedStale(
		{ scope: { zh: '国库支付数据', en: 'payments' }, lastAt: t(from), now: t(to), tz },
		DEFAULT_PARAMS.feedStale
	);

describe('feed stale (数据中断)', () => {
	it('counts only working hours, Monday–Friday 9:00–17:00 in Shanghai', () => {
		expect(hours('2026-07-24T16:00:00+08:00', '2026-07-27T10:00:00+08:00')).toBe(2); // Fri 16–17, Mon 9–10
		expect(hours('2026-07-24T16:00:00+08:00', '2026-07-31T18:00:00+08:00')).toBe(41);
	});
	it('takes the Shanghai day, not the UTC day: 23:30 UTC Sunday is Monday 07:30 in Shanghai', () => {
		expect(hours('2026-07-26T23:30:00Z', '2026-07-27T05:00:00Z')).toBe(4); // Mon 09:00–13:00 Shanghai
	});
	it('fires at 4, 24 and 72 working hours and not just below', () => {
		expect(judge('2026-07-27T09:00:00+08:00', '2026-07-27T12:59:59+08:00')).toBeNull();
		expect(judge('2026-07-27T09:00:00+08:00', '2026-07-27T13:00:00+08:00')?.level).toBe('notice');
		expect(judge('2026-07-24T16:00:00+08:00', '2026-07-31T18:00:00+08:00')?.level).toBe('warning');
		expect(judge('2026-07-01T09:00:00+08:00', '2026-07-13T17:00:00+08:00')?.level).toBe('severe'); // 9 working days = 72 h
	});
	it('leaves out the public holidays staff enter and counts the weekend working days (调休)', () => {
		// 2026 National Day: Thu 1 – Wed 7 October off; Sat 10 October worked in their place.
		const calendar = {
			holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
			workdays: ['2026-10-10']
		};
		const between = (from: string, to: string) =>
			Number(workingHoursBetween(t(from), t(to), tz, 9, 17, calendar)) / 1e6;
		// From Wed 30 Sep 16:00 to Thu 8 Oct 10:00: 1 h on the 30th and 1 h on the 8th, nothing in the holiday.
		expect(between('2026-09-30T16:00:00+08:00', '2026-10-08T10:00:00+08:00')).toBe(2);
		expect(hours('2026-09-30T16:00:00+08:00', '2026-10-08T10:00:00+08:00')).toBe(42); // without the calendar: 1 + 5 × 8 + 1
		// The Saturday worked counts; the Sunday after it does not.
		expect(between('2026-10-09T17:00:00+08:00', '2026-10-12T09:00:00+08:00')).toBe(8);
		const params = { ...DEFAULT_PARAMS.feedStale, ...calendar };
		const v = judgeFeedStale(
			{
				scope: { zh: '国库支付数据', en: 'payments' },
				lastAt: t('2026-09-30T16:00:00+08:00'),
				now: t('2026-10-08T12:00:00+08:00'),
				tz
			},
			params
		);
		expect(v?.level).toBe('notice'); // 4 working hours, not the 44 a holiday-blind calendar would count
		expect(v?.explanation.formula.zh).toContain('除节假日，含调休上班日');
	});
	it('counts nothing over a weekend or across the year end on a holiday-free calendar', () => {
		expect(hours('2026-07-24T17:00:00+08:00', '2026-07-27T09:00:00+08:00')).toBe(0);
		expect(hours('2026-12-31T16:00:00+08:00', '2027-01-01T10:00:00+08:00')).toBe(2);
	});
});
