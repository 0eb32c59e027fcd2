import { describe, expect, it } from 'vitest';
import { fiscalTimeText, freshnessText, moneyText } from './format';

describe('display formatting', () => {
	it('chooses 亿元 for city totals and keeps the unit with the figure', () => {
		expect(moneyText('8674828517.75')).toEqual({ value: '86.75', unit: 'yi' });
		expect(moneyText('386000.00')).toEqual({ value: '38.60', unit: 'wan' });
		expect(moneyText('9860.00')).toEqual({ value: '9,860.00', unit: 'yuan' });
		expect(moneyText('-18600.00', 'wan')).toEqual({ value: '-1.86', unit: 'wan' });
	});

	it('shows times in the fiscal zone whatever the machine zone', () => {
		expect(fiscalTimeText('2025-12-31T16:10:00Z', 'Asia/Shanghai', 'zh')).toBe('1月1日 00:10');
		expect(fiscalTimeText('2025-12-31T16:10:00Z', 'Asia/Shanghai', 'en')).toBe('1 Jan 00:10');
	});
});

describe('the freshness line', () => {
	const now = new Date('2026-12-06T05:32:00Z'); // 13:32:00 in Shanghai
	it('is never later than now', () => {
		expect(freshnessText('2026-12-06T08:29:23Z', 'Asia/Shanghai', 'zh', now)).toBe(
			'12月6日 13:32:00'
		);
		expect(freshnessText('2026-12-06T05:00:00Z', 'Asia/Shanghai', 'zh', now)).toBe(
			'12月6日 13:00:00'
		);
	});
	it('names the year when it is not the current one', () => {
		expect(freshnessText('2025-12-31T08:00:00Z', 'Asia/Shanghai', 'zh', now)).toBe(
			'2025年12月31日 16:00:00'
		);
		expect(freshnessText('2025-12-31T08:00:00Z', 'Asia/Shanghai', 'en', now)).toBe(
			'31 Dec 2025 16:00:00'
		);
		// Next year's date is later than now: it shows now, in this year.
		expect(freshnessText('2027-01-15T02:00:00Z', 'Asia/Shanghai', 'zh', now)).toBe(
			'12月6日 13:32:00'
		);
	});
});
