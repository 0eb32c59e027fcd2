import { describe, expect, it } from 'vitest';
import { textWidth, wrapLabel } from './labels';

const FONT = 27;
const lines = (s: string) => s.split('\n');

describe('wrapLabel', () => {
	it('leaves a label that fits on one line as it is', () => {
		expect(wrapLabel('205 Education', 420, FONT)).toBe('205 Education');
	});

	it('breaks a long English name at a space into two even lines, every word kept', () => {
		const name = '212 Urban and rural community affairs';
		const wrapped = wrapLabel(name, 420, FONT);
		expect(lines(wrapped)).toEqual(['212 Urban and rural', 'community affairs']);
		expect(wrapped.replace('\n', ' ')).toBe(name);
	});

	it('takes as many lines as a very long name needs, each within the width', () => {
		const name =
			'2010101 Other general public services expenditure of the standing committee and its offices';
		const wrapped = wrapLabel(name, 420, FONT);
		expect(lines(wrapped).length).toBeGreaterThan(2);
		for (const line of lines(wrapped)) expect(textWidth(line, FONT)).toBeLessThanOrEqual(420);
		expect(lines(wrapped).join(' ')).toBe(name);
	});

	it('leaves a Chinese name (no spaces between words) to the chart as it is', () => {
		expect(wrapLabel('208 社会保障和就业支出', 420, FONT)).toBe('208 社会保障和就业支出');
		expect(wrapLabel('市人力资源和社会保障局（代编预算）', 200, FONT)).toBe(
			'市人力资源和社会保障局（代编预算）'
		);
	});

	it('estimates a Chinese character at a full em and Latin text narrower', () => {
		expect(textWidth('社会保障', 20)).toBeGreaterThanOrEqual(80);
		expect(textWidth('Social', 20)).toBeLessThan(textWidth('社会保障和就', 20));
	});
});
