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

describe("when a case's facts happened", () => {
	it("gives the facts' dates, else the period an annual report's case is about", () => {
		expect(factsText('2026-11-06', '2026-11-16', '2026-11')).toBe('2026-11-06 — 2026-11-16');
		expect(factsText('2026-12-08', '2026-12-08', '2026')).toBe('2026-12-08');
		expect(factsText('2026-12-08', null, '2026')).toBe('2026-12-08');
		// An SOE's leverage from its 2025 annual report: no date, the period (it read "—").
		expect(factsText(null, null, '2025')).toBe('2025');
		expect(factsText(null, null, '')).toBeNull();
	});
});
