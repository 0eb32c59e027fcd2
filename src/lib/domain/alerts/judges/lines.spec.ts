import { describe, expect, it } from 'vitest';
import {
	lineSpending,
	names,
	planLine,
	ruleSettings
} from '../../../../../tests/support/alert-judging';
import { judgeLines } from './lines';
import type { SpendingData } from './spending';

const data = (lines: SpendingData['lines'], spending: SpendingData['spending']): SpendingData => ({
	year: 2026,
	asOf: '2026-06-30',
	lines,
	spending
});

describe('the rules that follow each payment', () => {
	it('finds over plan per department and function code, the lines of one function summed', () => {
		const [over] = judgeLines(
			data(
				[
					planLine({ funcCode: '205', econCode: '301', plan: 50_00n }),
					planLine({ funcCode: '205', econCode: '302', plan: 50_00n })
				],
				[lineSpending({ funcCode: '2050202', econCode: '30201', amount: 100_00n })]
			),
			ruleSettings(),
			names,
			{ year: 2026 }
		);
		// 100 of 100 yuan: 100% is a warning; one line alone at 200% would have been severe.
		expect(over.findings).toMatchObject([
			{ subjectKey: 'general:122:205', level: 'warning', deptCode: '122', funcCode: '205' }
		]);
		expect(over.findings[0].explanation.scopeLabel.zh).toBe('市教育局 205 教育支出');
	});

	it('finds spending no line covers under its own function code', () => {
		const [, none] = judgeLines(
			data([planLine({ funcCode: '205' })], [lineSpending({ funcCode: '2100101', amount: 5_00n })]),
			ruleSettings(),
			names,
			{ year: 2026 }
		);
		expect(none.findings).toMatchObject([
			{ subjectKey: 'general:122:2100101', level: 'warning', funcCode: '2100101' }
		]);
	});

	it('judges 三公 on the lines and spending of its economic codes only', () => {
		const [, , three] = judgeLines(
			data(
				[
					planLine({ funcCode: '201', econCode: '30217', plan: 10_00n }),
					planLine({ funcCode: '201', econCode: '30201', plan: 1_000_00n })
				],
				[
					lineSpending({ funcCode: '2010101', econCode: '30217', amount: 11_00n }),
					lineSpending({ funcCode: '2010101', econCode: '30201', amount: 1_00n })
				]
			),
			ruleSettings(),
			names,
			{ year: 2026 }
		);
		expect(three.findings).toMatchObject([{ subjectKey: 'general:122', level: 'severe' }]);
	});

	it('covers only the departments judged, when the batch touched only some', () => {
		const [over] = judgeLines(data([], []), ruleSettings(), names, {
			year: 2026,
			depts: new Set(['122'])
		});
		expect(over.narrow).toEqual({ period: '2026', depts: ['122'] });
		expect(over.covers({ subjectKey: 'general:122:205', period: '2026', deptCode: '122' })).toBe(
			true
		);
		expect(over.covers({ subjectKey: 'general:131:210', period: '2026', deptCode: '131' })).toBe(
			false
		);
	});
});
