import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import { loc, thresholdLine, valueLine, valueText } from './alert-text';

describe('alert figures on a page', () => {
	it('shows money in 万元 or 亿元 with the unit', () => {
		expect(valueText('12000000.00', 'yuan', 'zh')).toEqual({ value: '1,200.00', unit: '万元' });
		expect(valueLine('250000000', 'yuan', 'zh')).toBe('2.50 亿元');
		expect(valueLine('8500.5', 'yuan', 'en')).toBe('8,500.50 yuan');
	});
	it('writes money in English in millions of yuan, as the case heading and the lists do', () => {
		expect(valueLine('38012000000.00', 'yuan', 'en')).toBe('38,012.00 million yuan');
		expect(valueText('-1500000', 'yuan', 'en')).toEqual({ value: '-1.50', unit: 'million yuan' });
		expect(valueLine('999999.99', 'yuan', 'en')).toBe('999,999.99 yuan');
	});
	it('keeps percentages and points exact and names the unit', () => {
		expect(valueLine('16.03', 'pp', 'zh')).toBe('16.03 个百分点');
		expect(valueLine('95.5', 'percent', 'en')).toBe('95.5%');
		expect(valueLine('2026-11-01', 'date', 'zh')).toBe('2026-11-01');
		expect(valueLine('1', 'days', 'en')).toBe('1 day'); // "notice threshold 1 days" read wrong
		expect(valueLine('30', 'days', 'en')).toBe('30 days');
	});
	it('picks the page language of a localized text', () => {
		expect(loc({ zh: '超预算', en: 'Over plan' }, 'en')).toBe('Over plan');
		expect(loc('plain', 'zh')).toBe('plain');
	});
	it('names what a threshold is of when the rule says', () => {
		const th = { level: 'severe' as const, value: '10000000', unit: 'yuan' as const };
		const measure = { zh: '问题金额', en: 'amount involved' };
		expect(thresholdLine({ ...th, measure }, 'zh', translator('zh'))).toBe(
			'问题金额达到严重阈值 1,000.00 万元'
		);
		expect(thresholdLine({ ...th, measure }, 'en', translator('en'))).toBe(
			'amount involved: severe threshold 10.00 million yuan'
		);
		expect(thresholdLine({ ...th, value: '90', unit: 'days' }, 'zh', translator('zh'))).toBe(
			'达到严重阈值 90 天'
		);
	});
});
