import { describe, expect, it } from 'vitest';
import { percentText, quantityText, sectionNumber } from './number-text';

describe('percentages from exact fractions', () => {
	it('shows rates as percentages', () => {
		expect(percentText('0.5830')).toBe('58.3%');
		expect(percentText(null)).toBe('—');
	});

	it('round half away from zero on the decimal digits, as the charts do', () => {
		expect(percentText('0.8985', 1)).toBe('89.9%');
		expect(percentText('0.8984', 1)).toBe('89.8%');
		expect(percentText('0.5830', 2)).toBe('58.30%');
		expect(percentText('1.0000', 1)).toBe('100.0%');
		expect(percentText('-0.0312', 1)).toBe('-3.1%');
		expect(percentText(null)).toBe('—');
	});
});

describe('physical quantities and report sections', () => {
	it('groups a quantity as reported by thousands, keeping its decimals', () => {
		expect(quantityText('70320')).toBe('70,320');
		expect(quantityText('198600')).toBe('198,600');
		expect(quantityText('18394.25')).toBe('18,394.25');
		expect(quantityText('-1234567.5')).toBe('-1,234,567.5');
		expect(quantityText('950')).toBe('950');
		expect(quantityText(undefined)).toBe('—');
	});

	it('numbers report sections 一、二、 in Chinese and 1. 2. in English', () => {
		expect(sectionNumber(1, 'zh')).toBe('一、');
		expect(sectionNumber(6, 'zh')).toBe('六、');
		expect(sectionNumber(1, 'en')).toBe('1. ');
		expect(sectionNumber(6, 'en')).toBe('6. ');
	});
});
