/**
 * The rules that follow each payment, judged per department: 超预算 (over plan) and 无预算支出
 * (no plan) per department × function code, 三公经费 per department.
 */
import type { Fen } from '../../money';
import { judgeNoPlan } from '../no-plan';
import { judgeOverPlan } from '../over-plan';
import { paramsFor, type RuleSettings } from '../params';
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
import { allocate, type DeptSpending, type SpendingData } from './spending';

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
		if (settings.overPlan.enabled) overPlan(over, a, settings.overPlan, names, data.year);
		if (settings.noPlan.enabled) noPlan(none, a, settings.noPlan, names, data.year);
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

/** Sums per function code. */
function byFunc<T>(
	items: readonly T[],
	codeOf: (item: T) => string,
	add: (sum: { plan: Fen; amount: Fen; payments: number }, item: T) => void
): Map<string, { plan: Fen; amount: Fen; payments: number }> {
	const out = new Map<string, { plan: Fen; amount: Fen; payments: number }>();
	for (const item of items) {
		const code = codeOf(item);
		let sum = out.get(code);
		if (!sum) out.set(code, (sum = { plan: 0n, amount: 0n, payments: 0 }));
		add(sum, item);
	}
	return out;
}

/** 超预算 per department × function line: plan lines of the same function code summed. */
function overPlan(
	into: Finding[],
	a: DeptSpending,
	setting: RuleSettings['overPlan'],
	names: Names,
	year: number
): void {
	const dept = deptLabel(names, a.dept);
	const sums = byFunc(
		a.lines,
		(l) => l.funcCode,
		(f, l) => {
			f.plan += l.plan;
			f.amount += l.executed;
		}
	);
	for (const [func, f] of sums) {
		const scope = { deptCode: a.dept, funcCode: func || undefined };
		const verdict = judgeOverPlan(
			{
				scope: join(kindPrefix(a.kind), both(`${dept} `), funcLabel(names, func)),
				plan: f.plan,
				executed: f.amount
			},
			paramsFor('overPlan', setting.params, setting.overrides, scope)
		);
		const key = `${a.kind}:${a.dept}:${func}`;
		addFinding(into, 'overPlan', verdict, { key, period: yearPeriod(year), year, ...scope });
	}
}

/** 无预算支出 per department × function code of the spending no plan line covers. */
function noPlan(
	into: Finding[],
	a: DeptSpending,
	setting: RuleSettings['noPlan'],
	names: Names,
	year: number
): void {
	const dept = deptLabel(names, a.dept);
	const sums = byFunc(
		a.unplanned,
		(s) => s.funcCode,
		(f, s) => {
			f.amount += s.amount;
			f.payments += s.payments;
		}
	);
	for (const [func, f] of sums) {
		const scope = { deptCode: a.dept, funcCode: func };
		const verdict = judgeNoPlan(
			{
				scope: join(kindPrefix(a.kind), both(`${dept} `), funcLabel(names, func)),
				amount: f.amount,
				payments: f.payments
			},
			paramsFor('noPlan', setting.params, setting.overrides, scope)
		);
		const key = `${a.kind}:${a.dept}:${func}`;
		addFinding(into, 'noPlan', verdict, { key, period: yearPeriod(year), year, ...scope });
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
