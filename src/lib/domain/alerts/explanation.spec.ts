import { describe, expect, it } from 'vitest';
import { moneyWords, summarize, withUnit } from './explanation';

describe('money in alert summaries', () => {
	it('says amounts in the unit that reads best, exactly rounded, in both languages', () => {
		expect(moneyWords('147246019.80')).toEqual({ zh: '1.47 亿元', en: '147.25 million yuan' });
		expect(moneyWords('3500000.00')).toEqual({ zh: '350.00 万元', en: '3.50 million yuan' });
		expect(moneyWords('12650.00')).toEqual({ zh: '1.27 万元', en: '12,650.00 yuan' });
		expect(moneyWords('1234.5')).toEqual({ zh: '1,234.50 元', en: '1,234.50 yuan' });
		expect(moneyWords('-2500000.00')).toEqual({ zh: '-250.00 万元', en: '-2.50 million yuan' });
	});

	it('states money thresholds the same way and other units as they are', () => {
		expect(withUnit('10000000', 'yuan', 'zh')).toBe('1,000.00 万元');
		expect(withUnit('15', 'pp', 'zh')).toBe('15 个百分点');
	});

	it('counts one day and one working hour in the singular in English', () => {
		expect(withUnit('1', 'days', 'en')).toBe('1 day');
		expect(withUnit('90', 'days', 'en')).toBe('90 days');
		expect(withUnit('1', 'hours', 'en')).toBe('1 working hour');
		expect(withUnit('1', 'days', 'zh')).toBe('1 天');
	});
});

describe('summary punctuation', () => {
	it('writes full-width ：and ，in Chinese and ": " in English', () => {
		const s = summarize(
			{ zh: '市水利和湖泊局', en: 'Water Bureau' },
			{ zh: '执行率 58.8%，序时进度 93.2%', en: 'execution rate 58.8%, time progress 93.2%' },
			'warning',
			{ value: '10', unit: 'pp' }
		);
		expect(s.zh).toBe('市水利和湖泊局：执行率 58.8%，序时进度 93.2% ≥ 预警阈值 10 个百分点');
		expect(s.en).toMatch(/^Water Bureau: execution rate 58\.8%, time progress/);
		expect(s.zh).not.toMatch(/[:,]/);
	});
});
