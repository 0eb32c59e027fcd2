import { describe, expect, it } from 'vitest';
import { classOf, codeLabel, codeProblem, covers, isWellFormedCode, parentCode } from './codes';

describe('classification codes', () => {
	it('accepts function codes of 3, 5 and 7 digits only', () => {
		expect(isWellFormedCode('function', '205')).toBe(true);
		expect(isWellFormedCode('function', '2050202')).toBe(true);
		expect(isWellFormedCode('function', '2050')).toBe(false);
		expect(isWellFormedCode('function', '20A')).toBe(false);
		expect(codeProblem('economic', '30A11')).toMatch(/digits only/);
		expect(codeProblem('economic', '3021101')).toMatch(/3, 5 digits/);
	});

	it('walks up by prefix', () => {
		expect(parentCode('2050202')).toBe('20502');
		expect(parentCode('20502')).toBe('205');
		expect(parentCode('205')).toBeNull();
		expect(classOf('2050202')).toBe('205');
		expect(covers('205', '2050202')).toBe(true);
		expect(covers('206', '2050202')).toBe(false);
	});

	it('names unknown codes honestly', () => {
		expect(codeLabel('205', '教育支出')).toBe('205 教育支出');
		expect(codeLabel('2059999', undefined)).toBe('未知科目 (2059999)');
		expect(codeLabel('2059999', null, 'en')).toBe('Unknown code (2059999)');
	});

	it('names a code in English where the code table has an English name, else in Chinese', () => {
		expect(codeLabel('205', '教育支出', 'en', 'Education')).toBe('205 Education');
		expect(codeLabel('205', '教育支出', 'zh', 'Education')).toBe('205 教育支出');
		expect(codeLabel('20502', '普通教育', 'en', null)).toBe('20502 普通教育');
	});
});
