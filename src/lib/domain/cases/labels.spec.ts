import { describe, expect, it } from 'vitest';
import { afterName, factsText } from './labels';

describe('a case summary after its department name', () => {
	it('drops the name the summary starts with, keeping what joins it to the rest', () => {
		expect(afterName('市水利和湖泊局', '市水利和湖泊局: execution rate 58.8%')).toBe(
			': execution rate 58.8%'
		);
		expect(afterName('市统计局', '市统计局 · 非税收入征管不到位')).toBe(' · 非税收入征管不到位');
		expect(afterName('市交通运输局', '市交通运输局 2140104 公路建设: 单笔支付')).toBe(
			' 2140104 公路建设: 单笔支付'
		);
	});

	it('drops the name once from inside the summary', () => {
		expect(
			afterName(
				'市住房和城乡建设局',
				'政府性基金预算 市住房和城乡建设局 2026年老城区棚户区改造三期: 执行率 30.2%'
			)
		).toBe(' 政府性基金预算 2026年老城区棚户区改造三期: 执行率 30.2%');
	});

	it('keeps a summary that does not name the department, after a space', () => {
		expect(afterName('市教育局', '功能科目 2059901: 未知功能科目')).toBe(
			' 功能科目 2059901: 未知功能科目'
		);
		expect(afterName(null, '债务率 148.78%')).toBe('债务率 148.78%');
	});

	it('does not cut a longer name that begins with the department name', () => {
		expect(afterName('市科学技术局', '市科学技术局机关: 执行率')).toBe(' 市科学技术局机关: 执行率');
	});
});

describe("when a case's facts are dated", () => {
	it('gives the span of the dates, one date when they are the same', () => {
		expect(factsText('2026-03-02', '2026-03-09', '2026-03', 'zh')).toBe('2026-03-02 — 2026-03-09');
		expect(factsText('2026-03-02', '2026-03-02', '2026-03', 'en')).toBe('2026-03-02');
		expect(factsText('2026-03-02', null, '2026-03', 'en')).toBe('2026-03-02');
	});

	it('says the period of undated annual facts instead of a dash', () => {
		expect(factsText(null, null, '2025', 'zh')).toBe('2025年度');
		expect(factsText(null, null, '2025', 'en')).toBe('FY 2025');
		expect(factsText(null, null, '2026-06', 'en')).toBe('2026-06');
		expect(factsText(null, null, '', 'zh')).toBe('—');
	});
});
