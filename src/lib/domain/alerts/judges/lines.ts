/**
 * The rules that follow each payment, judged per department: 超预算 (over plan) and 无预算支出
 * (no plan) per department × function code, 三公经费 per department.
 */
import type { Fen } from '../../money';
import type { Spending } from '../../plan-match';
import { judgeNoPlan } from '../no-plan';
import { judgeOverPlan } from '../over-plan';
import type { Localized, Verdict } from '../explanation';
import { paramsFor, type RuleSettings, type SubjectScope } from '../params';
import { isLeftOut, withProfile } from '../profiles';
import { judgeThreePublic } from '../three-public';
import {
	addFinding,
	coverYear,
	yearPeriod,
	type Coverage,
	type Evaluation,
	type Finding
} from './evaluation';
import { both, deptLabel, funcLabel, join, kindPrefix, type Names } from './labels';
import { allocate, projectsOf, type DeptSpending, type SpendingData } from './spending';

type LineSettings = Pick<RuleSettings, 'overPlan' | 'noPlan' | 'threePublic'>;

/** Over plan, no plan and 三公 for the departments covered. */
export function judgeLines(
	data: SpendingData,
	settings: LineSettings,
	names: Names,
	coverage: Coverage
): Evaluation[] {
	const period = yearPeriod(data.year);
	const over: Finding[] = [];
	const none: Finding[] = [];
	const three: Finding[] = [];
	for (const a of allocate(data)) {
		if (settings.overPlan.enabled) {
			const { params, overrides, profiles } = settings.overPlan;
			const add = (f: FuncSum, l: DeptSpending['lines'][number]) => {
				f.plan += l.plan;
				f.amount += l.executed;
			};
			const lines = a.lines.filter((l) => !isLeftOut(profiles, l));
			perFunction(over, 'overPlan', a, names, data.year, lines, add, (label, f, scope) =>
				judgeOverPlan(
					{ scope: label, plan: f.plan, executed: f.amount },
					withProfile(paramsFor('overPlan', params, overrides, scope), profiles, scope)
				)
			);
			projectsOverPlan(over, a, settings.overPlan, names, data.year);
		}
		if (settings.noPlan.enabled) {
			const { params, overrides } = settings.noPlan;
			const add = (f: FuncSum, s: Spending) => {
				f.amount += s.amount;
				f.payments += s.payments;
			};
			perFunction(none, 'noPlan', a, names, data.year, a.unplanned, add, (label, f, scope) =>
				judgeNoPlan(
					{ scope: label, amount: f.amount, payments: f.payments },
					paramsFor('noPlan', params, overrides, scope)
				)
			);
		}
		if (settings.threePublic.enabled) threePublic(three, a, settings.threePublic, names, data.year);
	}
	const covers = coverYear(coverage);
	const narrow = { period, depts: coverage.depts ? [...coverage.depts] : undefined };
	return [
		{ ruleType: 'overPlan', findings: over, covers, narrow },
		{ ruleType: 'noPlan', findings: none, covers, narrow },
		{ ruleType: 'threePublic', findings: three, covers, narrow }
	];
}

interface FuncSum {
	plan: Fen;
	amount: Fen;
	payments: number;
}

/**
 * A department's findings per function code of `items`, summed by `add`, each under
 * `kind:dept:func`: 超预算 over its plan lines, 无预算支出 over the spending no line covers.
 */
function perFunction<T extends { funcCode: string }>(
	into: Finding[],
	ruleType: 'overPlan' | 'noPlan',
	a: DeptSpending,
	names: Names,
	year: number,
	items: readonly T[],
	add: (sum: FuncSum, item: T) => void,
	judge: (label: Localized, sum: FuncSum, scope: SubjectScope) => Verdict
): void {
	const sums = new Map<string, FuncSum>();
	for (const item of items) {
		let sum = sums.get(item.funcCode);
		if (!sum) sums.set(item.funcCode, (sum = { plan: 0n, amount: 0n, payments: 0 }));
		add(sum, item);
	}
	const dept = deptLabel(names, a.dept);
	for (const [func, sum] of sums) {
		// An over-plan line without a function code (an economic-only line) has no function scope.
		const scope = {
			deptCode: a.dept,
			funcCode: ruleType === 'overPlan' ? func || undefined : func
		};
		const label = join(kindPrefix(a.kind), both(`${dept} `), funcLabel(names, func));
		const key = `${a.kind}:${a.dept}:${func}`;
		addFinding(into, ruleType, judge(label, sum, scope), {
			key,
			period: yearPeriod(year),
			year,
			...scope
		});
	}
}

/** 三公经费 per department: its lines and spending on the 三公 款. */
function threePublic(
	into: Finding[],
	a: DeptSpending,
	setting: RuleSettings['threePublic'],
	names: Names,
	year: number
): void {
	const params = paramsFor('threePublic', setting.params, setting.overrides, {
		deptCode: a.dept
	});
	const isThree = (econ: string) => params.econCodes.some((c) => econ.startsWith(c));
	const budget = a.lines.filter((l) => isThree(l.econCode)).reduce((s, l) => s + l.plan, 0n);
	const executed = a.spending.filter((s) => isThree(s.econCode)).reduce((s, x) => s + x.amount, 0n);
	const dept = deptLabel(names, a.dept);
	const verdict = judgeThreePublic(
		{ scope: join(kindPrefix(a.kind), both(dept)), budget, executed },
		params
	);
	addFinding(into, 'threePublic', verdict, {
		key: `${a.kind}:${a.dept}`,
		period: yearPeriod(year),
		year,
		deptCode: a.dept
	});
}

/**
 * 超预算 of each project with a plan: the spending carrying its code against the plan of its lines,
 * under `kind:project:dept:code` (the department's line findings stay `kind:dept:func`).
 */
function projectsOverPlan(
	into: Finding[],
	a: DeptSpending,
	setting: RuleSettings['overPlan'],
	names: Names,
	year: number
): void {
	const { params, overrides, profiles } = setting;
	for (const [code, p] of projectsOf(a)) {
		const scope = { deptCode: a.dept, funcCode: p.funcCode, projectCode: code };
		if (isLeftOut(profiles, scope)) continue;
		const label = join(kindPrefix(a.kind), both(`${deptLabel(names, a.dept)} ${p.name ?? code}`));
		const verdict = judgeOverPlan(
			{ scope: label, plan: p.plan, executed: p.executed },
			withProfile(paramsFor('overPlan', params, overrides, scope), profiles, scope)
		);
		addFinding(into, 'overPlan', verdict, {
			key: `${a.kind}:project:${a.dept}:${code}`,
			period: yearPeriod(year),
			year,
			...scope
		});
	}
}
