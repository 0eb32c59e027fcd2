import { describe, expect, it } from 'vitest';
import {
	lineSpending,
	names,
	peer,
	planLine,
	ruleSettings
} from '../../../../../tests/support/alert-judging';
import type { Evaluation } from './evaluation';
import { judgeProgressRules } from './progress';
import { projectKey, type SpendingData } from './spending';

const findingsOf = (evaluations: Evaluation[], rule: string) =>
	evaluations.find((e) => e.ruleType === rule)!.findings;
const keys = (evaluations: Evaluation[], rule: string) =>
	findingsOf(evaluations, rule).map((f) => f.subjectKey);

/** Department 122 a tenth through a project and its general line at mid-year: far behind time and the city (131 at 50%). */
const rest = peer(500_000_000n);
const midYear: SpendingData = {
	year: 2026,
	asOf: '2026-06-30',
	lines: [
		planLine({ funcCode: '205', plan: 100_000_000n }),
		planLine({ funcCode: '20502', projectCode: 'P1', projectName: '校舍改造', plan: 60_000_000n }),
		rest.line
	],
	spending: [
		lineSpending({ funcCode: '2050202', projectCode: 'P1', amount: 6_000_000n }),
		rest.spending
	]
};

describe('pace lag over a year', () => {
	it('judges pace at city, function class, department and project, each under its own key', () => {
		const judged = judgeProgressRules(midYear, ruleSettings(), names, {});
		expect(keys(judged, 'paceLag')).toEqual([
			'general:city',
			'general:class:205',
			'general:dept:122',
			'general:project:122:P1'
		]);
		const [city, cls, dept, project] = findingsOf(judged, 'paceLag');
		// The city: 50.6 of 116 million (43.6%) on 30 June (49.6%): 6 pp behind.
		expect(city).toMatchObject({ period: '2026', year: 2026, level: 'notice' });
		expect(city.deptCode).toBeUndefined();
		expect(cls.funcCode).toBe('205');
		expect(cls.explanation.scopeLabel.zh).toBe('205 教育支出');
		expect(dept).toMatchObject({ deptCode: '122', funcCode: undefined });
		expect(project).toMatchObject({ deptCode: '122', funcCode: '20502', projectCode: 'P1' });
		expect(project.explanation.scopeLabel.zh).toBe('市教育局 校舍改造');
		expect(keys(judged, 'q3LowExecution')).toEqual([]); // not before 30 September
	});

	it('names the budget kind when it is not the general budget', () => {
		const fund = {
			...midYear,
			lines: midYear.lines.map((l) => ({ ...l, budgetKind: 'fund' })),
			spending: midYear.spending.map((s) => ({ ...s, budgetKind: 'fund' }))
		};
		const [city] = findingsOf(judgeProgressRules(fund, ruleSettings(), names), 'paceLag');
		expect(city.subjectKey).toBe('fund:city');
		expect(city.explanation.scopeLabel.zh).toBe('政府性基金预算 全市');
	});

	it('judges a department and its projects by the department’s override, a function class by the defaults', () => {
		const settings = ruleSettings(
			{},
			{
				overrides: [
					{
						ruleType: 'paceLag',
						scopeKind: 'department',
						scopeCode: '122',
						params: { thresholds: { notice: '90', warning: '95', severe: '99' } }
					}
				]
			}
		);
		expect(keys(judgeProgressRules(midYear, settings, names), 'paceLag')).toEqual([
			'general:city',
			'general:class:205'
		]);
	});
});

describe('pace lag in the year-end peak', () => {
	// 6 December (93.2% of the year): department 131 at 80% (most of the city), 122 at 80% or at 60%.
	const december = (executed122: bigint): SpendingData => {
		const rest = peer(800_000_000n);
		return {
			year: 2026,
			asOf: '2026-12-06',
			lines: [planLine({ funcCode: '205', plan: 100_000_000n }), rest.line],
			spending: [lineSpending({ amount: executed122 }), rest.spending]
		};
	};
	const deptLevel = (data: SpendingData) =>
		findingsOf(judgeProgressRules(data, ruleSettings(), names), 'paceLag').find(
			(f) => f.subjectKey === 'general:dept:122'
		)?.level;

	it('opens nothing for a department level with the others, though 13 pp behind 序时进度', () => {
		expect(deptLevel(december(80_000_000n))).toBeUndefined();
		// The city itself stays judged against 序时进度: context on the overview.
		const city = findingsOf(
			judgeProgressRules(december(80_000_000n), ruleSettings(), names),
			'paceLag'
		)[0];
		expect([city.subjectKey, city.level]).toEqual(['general:city', 'warning']);
	});

	it('judges a department 20 pp behind the others severe (15 pp behind them is the threshold)', () => {
		expect(deptLevel(december(60_000_000n))).toBe('severe');
		expect(deptLevel(december(65_000_000n))).toBe('severe');
		expect(deptLevel(december(65_000_001n))).toBe('warning');
	});
});

describe('project idle, year-end rush and rules turned off', () => {
	it('finds a project idle only without a payment in the window', () => {
		const idle = judgeProgressRules(midYear, ruleSettings(), names, {});
		expect(keys(idle, 'projectIdle')).toEqual(['general:122:P1']);
		const paid = new Map([[projectKey('general', '122', 'P1'), '2026-06-20']]);
		const busy = judgeProgressRules(midYear, ruleSettings(), names, { lastPaid: paid });
		expect(keys(busy, 'projectIdle')).toEqual([]);
	});

	it('judges a year-end rush on December’s spending of the department and each project, in December only', () => {
		const december: SpendingData = {
			...midYear,
			asOf: '2026-12-31',
			spending: [lineSpending({ funcCode: '2050202', amount: 160_000_000n })]
		};
		// Half the plan would be 80 million fen: 100 million spent in December alone is the pattern.
		const rush = new Map([[projectKey('general', '122', '*'), 100_000_000n]]);
		const judged = judgeProgressRules(december, ruleSettings(), names, { december: rush });
		expect(findingsOf(judged, 'yearEndRush')).toMatchObject([
			{ subjectKey: 'general:122', deptCode: '122', level: 'severe' }
		]);
		const projectRush = new Map([[projectKey('general', '122', 'P1'), 1_000_000n]]);
		const withProject = {
			...december,
			spending: [...december.spending, lineSpending({ projectCode: 'P1', amount: 1_000_000n })]
		};
		expect(
			keys(
				judgeProgressRules(withProject, ruleSettings(), names, { december: projectRush }),
				'yearEndRush'
			)
		).toEqual(['general:122:P1']);
		const november = { ...december, asOf: '2026-11-30' };
		expect(
			keys(judgeProgressRules(november, ruleSettings(), names, { december: rush }), 'yearEndRush')
		).toEqual([]);
	});

	it('finds nothing for a rule that is off, yet covers the year so its alerts are cleared', () => {
		const off = ruleSettings({}, { off: ['paceLag'] });
		const [pace] = judgeProgressRules(midYear, off, names);
		expect(pace).toMatchObject({ ruleType: 'paceLag', findings: [] });
		expect(pace.covers({ subjectKey: 'general:city', period: '2026', deptCode: null })).toBe(true);
		expect(pace.covers({ subjectKey: 'general:city', period: '2025', deptCode: null })).toBe(false);
	});
});
