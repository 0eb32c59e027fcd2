/**
 * Reads what the rules judge from the database — plan lines, execution from the rollups, revenue,
 * state-asset reports, the feed, quarantine — and turns each subject into a finding with the pure
 * rules of src/lib/domain/alerts. Nothing here writes.
 */
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import { judgeCapitalPreservation } from '../../domain/alerts/capital-preservation';
import { judgeDataQuality, type QualityProblem } from '../../domain/alerts/data-quality';
import type { Localized, Verdict } from '../../domain/alerts/explanation';
import { levelAtLeastFen, yuanToFenText, type Thresholds } from '../../domain/alerts/decimal';
import { judgeFeedStale } from '../../domain/alerts/feed-stale';
import { judgeLargePayment } from '../../domain/alerts/large-payment';
import { judgeNoPlan } from '../../domain/alerts/no-plan';
import { judgeOverPlan } from '../../domain/alerts/over-plan';
import { judgePaceLag } from '../../domain/alerts/pace-lag';
import {
	paramsFor,
	type AlertLevel,
	type Override,
	type RuleParams,
	type RuleType,
	type SubjectScope
} from '../../domain/alerts/params';
import { judgeProjectIdle } from '../../domain/alerts/project-idle';
import { judgeQ3LowExecution } from '../../domain/alerts/q3-low-execution';
import { judgeRevenueLag } from '../../domain/alerts/revenue-lag';
import { judgeSoeLeverage } from '../../domain/alerts/soe-leverage';
import { judgeThreePublic } from '../../domain/alerts/three-public';
import { judgeYearEndRush } from '../../domain/alerts/year-end-rush';
import { fiscalDateOf, type FiscalDate } from '../../domain/fiscal';
import { fenToYuan, yuanToFen, type Fen } from '../../domain/money';
import { allocateToLines, type Spending } from '../../domain/plan-match';
import { planAsOf, rollupBetween } from '../rollup-read';
import { sameDayLastYear } from '../../domain/period';

/** One alert a rule would have open now. */
export interface Finding {
	ruleType: RuleType;
	subjectKey: string;
	period: string;
	year: number;
	level: AlertLevel;
	explanation: NonNullable<Verdict>['explanation'];
	deptCode?: string;
	funcCode?: string;
	projectCode?: string;
}

/** A rule's configuration as evaluated: enabled, defaults and overrides. */
export interface RuleSetting<K extends RuleType = RuleType> {
	type: K;
	enabled: boolean;
	params: RuleParams[K];
	overrides: Override<Partial<RuleParams[K]>>[];
}

export type RuleSettings = { [K in RuleType]: RuleSetting<K> };

/** Which part of the data an evaluation covers; alerts of the rule inside it and not found again are cleared. */
export interface Coverage {
	year: number;
	/** Only these departments (incremental evaluation after ingest); all when absent. */
	depts?: Set<string>;
}

export interface Evaluation {
	ruleType: RuleType;
	findings: Finding[];
	/** Whether an existing active alert belongs to what was evaluated. */
	covers(alert: { subjectKey: string; period: string; deptCode: string | null }): boolean;
	/** The same narrowing for the database read of active alerts (nothing outside it can be covered). */
	narrow?: { period?: string; depts?: string[]; subjectKeys?: string[] };
}

/** Names for labels: departments/units and function codes. */
export interface Names {
	unit: Map<string, string>;
	func: Map<string, string>;
	revenue: Map<string, string>;
}

export async function loadNames(ex: Executor): Promise<Names> {
	const [units, codes] = await Promise.all([
		rows<{ code: string; name: string }>(ex, sql`select code, name from budget_unit`),
		rows<{ scheme: string; code: string; name: string }>(
			ex,
			sql`select scheme, code, name from classification_code where scheme in ('function', 'revenue')`
		)
	]);
	const func = new Map<string, string>();
	const revenue = new Map<string, string>();
	for (const c of codes) (c.scheme === 'function' ? func : revenue).set(c.code, c.name);
	return { unit: new Map(units.map((u) => [u.code, u.name])), func, revenue };
}

const KIND_LABEL: Record<string, Localized> = {
	general: { zh: '一般公共预算', en: 'general budget' },
	fund: { zh: '政府性基金预算', en: 'fund budget' },
	capital: { zh: '国有资本经营预算', en: 'state capital budget' },
	social: { zh: '社会保险基金预算', en: 'social insurance budget' }
};

function deptLabel(names: Names, dept: string): string {
	return names.unit.get(dept) ?? dept;
}
function funcLabel(names: Names, func: string): Localized {
	if (func === '') return { zh: '(不分科目)', en: '(all functions)' };
	const name = names.func.get(func);
	return { zh: name ? `${func} ${name}` : func, en: name ? `${func} ${name}` : func };
}
/** The budget kind is named only when it is not the general budget. */
function kindPrefix(kind: string): Localized {
	if (kind === 'general') return { zh: '', en: '' };
	const k = KIND_LABEL[kind] ?? { zh: kind, en: kind };
	return { zh: `${k.zh} `, en: `${k.en} ` };
}
const join = (...parts: Localized[]): Localized => ({
	zh: parts.map((p) => p.zh).join(''),
	en: parts.map((p) => p.en).join('')
});

function verdictToFinding(
	ruleType: RuleType,
	verdict: Verdict,
	subject: { key: string; period: string; year: number } & SubjectScope
): Finding | null {
	if (!verdict) return null;
	return {
		ruleType,
		subjectKey: subject.key,
		period: subject.period,
		year: subject.year,
		level: verdict.level,
		explanation: verdict.explanation,
		deptCode: subject.deptCode,
		funcCode: subject.funcCode,
		projectCode: subject.projectCode
	};
}

// ---------------------------------------------------------------------------------------------
// Spending: plan lines and execution of one year, per budget kind, allocated by plan-match.ts.

interface PlanLineRow {
	budget_kind: string;
	dept_code: string;
	func_code: string;
	econ_code: string;
	project_code: string;
	project_name: string | null;
	plan: string;
}

/** This year's spending on one plan-line key: budget kind, department, function, economic and project codes. */
export interface LineSpending extends Spending {
	budgetKind: string;
	deptCode: string;
}

export interface SpendingData {
	year: number;
	asOf: FiscalDate;
	lines: PlanLineRow[];
	/** Spending from 1 January through asOf, grouped by the plan-line key. */
	spending: LineSpending[];
}

/** `dept_code = any(array)`: an index condition on the rollup's and plan lines' keys (an IN over a subquery became a scan). */
const deptArray = (depts: Set<string>) =>
	sql`dept_code = any(string_to_array(${[...depts].join(',')}, ','))`;
const inDepts = (depts: Set<string> | undefined) => (depts ? sql` and ${deptArray(depts)}` : sql``);

/** The year's last day, or asOf when that is earlier. */
const throughOf = (year: number, asOf: FiscalDate): FiscalDate =>
	asOf > `${year}-12-31` ? `${year}-12-31` : asOf;

export async function loadSpending(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	depts?: Set<string>
): Promise<SpendingData> {
	const [lines, spending] = await Promise.all([
		loadPlanLines(ex, year, asOf, depts),
		loadLineSpending(ex, year, asOf, depts)
	]);
	return { year, asOf: throughOf(year, asOf), lines, spending };
}

/** The year's expenditure plan lines (of these departments), each with its plan in force on asOf. */
export async function loadPlanLines(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	depts?: Set<string>
): Promise<PlanLineRow[]> {
	return rows<PlanLineRow>(
		ex,
		sql`select budget_kind, dept_code, func_code, econ_code, project_code, project_name, ${planAsOf(throughOf(year, asOf))}::text as plan
			from plan_line where year = ${year} and side = 'expenditure'${inDepts(depts)}`
	);
}

/** Spending from 1 January through asOf (of these departments) by plan-line key, from the rollup's `line` level. */
export async function loadLineSpending(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	depts?: Set<string>
): Promise<LineSpending[]> {
	const through = throughOf(year, asOf);
	if (through < `${year}-01-01`) return [];
	const kinds = await rows<{ budget_kind: string }>(
		ex,
		sql`select distinct budget_kind from plan_line where year = ${year} and side = 'expenditure'
			union select distinct budget_kind from execution_rollup where level = 'city' and grain = 'm'
				and period >= ${`${year}-01-01`}::date and period <= ${`${year}-12-01`}::date`
	);
	const parts = await Promise.all(
		kinds.map((k) =>
			rows<{
				budget_kind: string;
				dept_code: string;
				func_code: string;
				econ_code: string;
				project_code: string;
				amount: string;
				payments: number;
			}>(
				ex,
				sql`select budget_kind, dept_code, func_code, econ_code, project_code, sum(amount)::text as amount,
						sum(payment_count)::int as payments
					from ${rollupBetween('line', k.budget_kind, `${year}-01-01`, through, depts ? deptArray(depts) : undefined)} s
					group by budget_kind, dept_code, func_code, econ_code, project_code`
			)
		)
	);
	return parts.flat().map((s) => ({
		budgetKind: s.budget_kind,
		deptCode: s.dept_code,
		funcCode: s.func_code,
		econCode: s.econ_code,
		projectCode: s.project_code,
		amount: yuanToFen(s.amount),
		payments: Number(s.payments)
	}));
}

interface Allocated {
	kind: string;
	dept: string;
	lines: (PlanLineRow & { planFen: Fen; executed: Fen })[];
	unplanned: Spending[];
	spending: Spending[];
	totalExecuted: Fen;
}

function allocate(data: SpendingData): Allocated[] {
	const groups = new Map<string, { lines: PlanLineRow[]; spending: Spending[] }>();
	const group = (kind: string, dept: string) => {
		const key = `${kind}|${dept}`;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { lines: [], spending: [] }));
		return g;
	};
	for (const l of data.lines) group(l.budget_kind, l.dept_code).lines.push(l);
	for (const s of data.spending) group(s.budgetKind, s.deptCode).spending.push(s);
	const out: Allocated[] = [];
	for (const [key, g] of groups) {
		const [kind, dept] = key.split('|');
		const lineCodes = g.lines.map((l) => ({
			funcCode: l.func_code,
			econCode: l.econ_code,
			projectCode: l.project_code,
			row: l
		}));
		const allocation = allocateToLines(lineCodes, g.spending);
		out.push({
			kind,
			dept,
			lines: lineCodes.map((l, i) => ({
				...l.row,
				planFen: yuanToFen(l.row.plan),
				executed: allocation.executed[i]
			})),
			unplanned: allocation.unplannedSpending,
			spending: g.spending,
			totalExecuted: g.spending.reduce((s, x) => s + x.amount, 0n)
		});
	}
	return out;
}

const yearPeriod = (year: number) => String(year);

function coverYear(coverage: Coverage) {
	const period = yearPeriod(coverage.year);
	return (a: { period: string; deptCode: string | null }) =>
		a.period === period &&
		(!coverage.depts || (a.deptCode !== null && coverage.depts.has(a.deptCode)));
}

/** Over plan, no plan and 三公 for the departments covered (the rules that follow each payment). */
export function judgeLines(
	data: SpendingData,
	settings: Pick<RuleSettings, 'overPlan' | 'noPlan' | 'threePublic'>,
	names: Names,
	coverage: Coverage
): Evaluation[] {
	const year = data.year;
	const period = yearPeriod(year);
	const over: Finding[] = [];
	const none: Finding[] = [];
	const three: Finding[] = [];
	for (const a of allocate(data)) {
		const dept = deptLabel(names, a.dept);
		// 超预算 per department × function line: plan lines of the same function code summed.
		if (settings.overPlan.enabled) {
			const byFunc = new Map<string, { plan: Fen; executed: Fen }>();
			for (const l of a.lines) {
				const f = byFunc.get(l.func_code) ?? { plan: 0n, executed: 0n };
				f.plan += l.planFen;
				f.executed += l.executed;
				byFunc.set(l.func_code, f);
			}
			for (const [func, f] of byFunc) {
				const scope = { deptCode: a.dept, funcCode: func || undefined };
				const fl = funcLabel(names, func);
				const verdict = judgeOverPlan(
					{
						scope: join(kindPrefix(a.kind), { zh: `${dept} `, en: `${dept} ` }, fl),
						plan: f.plan,
						executed: f.executed
					},
					paramsFor('overPlan', settings.overPlan.params, settings.overPlan.overrides, scope)
				);
				const found = verdictToFinding('overPlan', verdict, {
					key: `${a.kind}:${a.dept}:${func}`,
					period,
					year,
					...scope
				});
				if (found) over.push(found);
			}
		}
		// 无预算支出 per department × function code of the uncovered spending.
		if (settings.noPlan.enabled) {
			const byFunc = new Map<string, { amount: Fen; payments: number }>();
			for (const s of a.unplanned) {
				const f = byFunc.get(s.funcCode) ?? { amount: 0n, payments: 0 };
				f.amount += s.amount;
				f.payments += s.payments;
				byFunc.set(s.funcCode, f);
			}
			for (const [func, f] of byFunc) {
				const scope = { deptCode: a.dept, funcCode: func };
				const verdict = judgeNoPlan(
					{
						scope: join(
							kindPrefix(a.kind),
							{ zh: `${dept} `, en: `${dept} ` },
							funcLabel(names, func)
						),
						amount: f.amount,
						payments: f.payments
					},
					paramsFor('noPlan', settings.noPlan.params, settings.noPlan.overrides, scope)
				);
				const found = verdictToFinding('noPlan', verdict, {
					key: `${a.kind}:${a.dept}:${func}`,
					period,
					year,
					...scope
				});
				if (found) none.push(found);
			}
		}
		// 三公经费 per department: its lines and spending on the 三公 款.
		if (settings.threePublic.enabled) {
			const params = paramsFor(
				'threePublic',
				settings.threePublic.params,
				settings.threePublic.overrides,
				{ deptCode: a.dept }
			);
			const isThree = (econ: string) => params.econCodes.some((c) => econ.startsWith(c));
			const budget = a.lines
				.filter((l) => isThree(l.econ_code))
				.reduce((s, l) => s + l.planFen, 0n);
			const executed = a.spending
				.filter((s) => isThree(s.econCode))
				.reduce((s, x) => s + x.amount, 0n);
			const verdict = judgeThreePublic(
				{ scope: join(kindPrefix(a.kind), { zh: dept, en: dept }), budget, executed },
				params
			);
			const found = verdictToFinding('threePublic', verdict, {
				key: `${a.kind}:${a.dept}`,
				period,
				year,
				deptCode: a.dept
			});
			if (found) three.push(found);
		}
	}
	const covers = coverYear(coverage);
	const narrow = { period, depts: coverage.depts ? [...coverage.depts] : undefined };
	return [
		{ ruleType: 'overPlan', findings: over, covers, narrow },
		{ ruleType: 'noPlan', findings: none, covers, narrow },
		{ ruleType: 'threePublic', findings: three, covers, narrow }
	];
}

/** Pace lag (city, 类, department, project), Q3 low execution, year-end rush and project idle: they move with the date. */
export async function judgeProgressRules(
	ex: Executor,
	data: SpendingData,
	settings: Pick<RuleSettings, 'paceLag' | 'q3LowExecution' | 'yearEndRush' | 'projectIdle'>,
	names: Names
): Promise<Evaluation[]> {
	const { year, asOf } = data;
	const period = yearPeriod(year);
	const allocated = allocate(data);
	const pace: Finding[] = [];
	const q3: Finding[] = [];
	const rush: Finding[] = [];
	const idle: Finding[] = [];
	// The last day each project had a payment this year (day rows of the unit level carry the project).
	const lastPaid = new Map<string, FiscalDate>();
	if (settings.projectIdle.enabled) {
		const found = await rows<{
			budget_kind: string;
			dept_code: string;
			project_code: string;
			last: string;
		}>(
			ex,
			sql`select budget_kind, dept_code, project_code, max(period)::text as last from execution_rollup
				where level = 'unit' and grain = 'd' and project_code <> '' and period >= ${`${year}-01-01`}::date
					and period <= ${asOf}::date
				group by 1, 2, 3`
		);
		for (const r of found)
			lastPaid.set(`${r.budget_kind}|${r.dept_code}|${r.project_code}`, r.last);
	}

	const kinds = new Set(allocated.map((a) => a.kind));
	for (const kind of kinds) {
		const mine = allocated.filter((a) => a.kind === kind);
		const prefix = kindPrefix(kind);
		// City
		if (settings.paceLag.enabled) {
			const plan = mine.reduce((s, a) => s + a.lines.reduce((t, l) => t + l.planFen, 0n), 0n);
			const executed = mine.reduce((s, a) => s + a.totalExecuted, 0n);
			const verdict = judgePaceLag(
				{ scope: join(prefix, { zh: '全市', en: 'whole city' }), year, asOf, plan, executed },
				settings.paceLag.params
			);
			const found = verdictToFinding('paceLag', verdict, { key: `${kind}:city`, period, year });
			if (found) pace.push(found);
			// 类
			const byClass = new Map<string, { plan: Fen; executed: Fen }>();
			for (const a of mine) {
				for (const l of a.lines) {
					if (l.func_code === '') continue;
					const c = byClass.get(l.func_code.slice(0, 3)) ?? { plan: 0n, executed: 0n };
					c.plan += l.planFen;
					byClass.set(l.func_code.slice(0, 3), c);
				}
				for (const s of a.spending) {
					const c = byClass.get(s.funcCode.slice(0, 3)) ?? { plan: 0n, executed: 0n };
					c.executed += s.amount;
					byClass.set(s.funcCode.slice(0, 3), c);
				}
			}
			for (const [cls, c] of byClass) {
				const scope = { funcCode: cls };
				const v = judgePaceLag(
					{
						scope: join(prefix, funcLabel(names, cls)),
						year,
						asOf,
						plan: c.plan,
						executed: c.executed
					},
					paramsFor('paceLag', settings.paceLag.params, settings.paceLag.overrides, scope)
				);
				const f = verdictToFinding('paceLag', v, {
					key: `${kind}:class:${cls}`,
					period,
					year,
					...scope
				});
				if (f) pace.push(f);
			}
		}
		for (const a of mine) {
			const dept = deptLabel(names, a.dept);
			const plan = a.lines.reduce((t, l) => t + l.planFen, 0n);
			const scope = { deptCode: a.dept };
			const label = join(prefix, { zh: dept, en: dept });
			if (settings.paceLag.enabled) {
				const v = judgePaceLag(
					{ scope: label, year, asOf, plan, executed: a.totalExecuted },
					paramsFor('paceLag', settings.paceLag.params, settings.paceLag.overrides, scope)
				);
				const f = verdictToFinding('paceLag', v, {
					key: `${kind}:dept:${a.dept}`,
					period,
					year,
					...scope
				});
				if (f) pace.push(f);
			}
			if (settings.q3LowExecution.enabled) {
				const v = judgeQ3LowExecution(
					{ scope: label, year, asOf, plan, executed: a.totalExecuted },
					paramsFor(
						'q3LowExecution',
						settings.q3LowExecution.params,
						settings.q3LowExecution.overrides,
						scope
					)
				);
				const f = verdictToFinding('q3LowExecution', v, {
					key: `${kind}:${a.dept}`,
					period,
					year,
					...scope
				});
				if (f) q3.push(f);
			}
			// Projects: plan lines with a project code, summed per project of the department.
			const projects = new Map<
				string,
				{ name: string | null; plan: Fen; executed: Fen; funcCode: string }
			>();
			for (const l of a.lines) {
				if (l.project_code === '') continue;
				const p = projects.get(l.project_code) ?? {
					name: l.project_name,
					plan: 0n,
					executed: 0n,
					funcCode: l.func_code
				};
				p.plan += l.planFen;
				projects.set(l.project_code, p);
			}
			for (const s of a.spending) {
				const p = projects.get(s.projectCode);
				if (p) p.executed += s.amount;
			}
			for (const [code, p] of projects) {
				const pscope = { deptCode: a.dept, funcCode: p.funcCode, projectCode: code };
				const plabel = join(prefix, {
					zh: `${dept} ${p.name ?? code}`,
					en: `${dept} ${p.name ?? code}`
				});
				if (settings.paceLag.enabled) {
					const v = judgePaceLag(
						{ scope: plabel, year, asOf, plan: p.plan, executed: p.executed },
						paramsFor('paceLag', settings.paceLag.params, settings.paceLag.overrides, pscope)
					);
					const f = verdictToFinding('paceLag', v, {
						key: `${kind}:project:${a.dept}:${code}`,
						period,
						year,
						...pscope
					});
					if (f) pace.push(f);
				}
				if (settings.projectIdle.enabled) {
					const last = lastPaid.get(`${kind}|${a.dept}|${code}`) ?? null;
					const v = judgeProjectIdle(
						{ scope: plabel, year, asOf, plan: p.plan, executed: p.executed, lastPaidOn: last },
						paramsFor(
							'projectIdle',
							settings.projectIdle.params,
							settings.projectIdle.overrides,
							pscope
						)
					);
					const f = verdictToFinding('projectIdle', v, {
						key: `${kind}:${a.dept}:${code}`,
						period,
						year,
						...pscope
					});
					if (f) idle.push(f);
				}
			}
		}
	}
	// Year-end rush needs December apart from January–November: per department and per project.
	if (settings.yearEndRush.enabled && asOf >= `${year}-12-01`) {
		const december = new Map<string, Fen>();
		for (const kind of kinds) {
			const found = await rows<{ dept_code: string; project_code: string | null; amount: string }>(
				ex,
				sql`select dept_code, case when grouping(project_code) = 1 then null else project_code end as project_code,
						sum(amount)::text as amount
					from ${rollupBetween('unit', kind, `${year}-12-01`, asOf)} s group by grouping sets ((dept_code), (dept_code, project_code))`
			);
			for (const d of found)
				december.set(`${kind}|${d.dept_code}|${d.project_code ?? '*'}`, yuanToFen(d.amount));
		}
		for (const a of allocated) {
			const judge = (
				key: string,
				scope: SubjectScope,
				label: Localized,
				plan: Fen,
				executed: Fen,
				dec: Fen
			) => {
				const v = judgeYearEndRush(
					{ scope: label, year, asOf, plan, beforeDecember: executed - dec, december: dec },
					paramsFor(
						'yearEndRush',
						settings.yearEndRush.params,
						settings.yearEndRush.overrides,
						scope
					)
				);
				const f = verdictToFinding('yearEndRush', v, { key, period, year, ...scope });
				if (f) rush.push(f);
			};
			const dept = deptLabel(names, a.dept);
			const plan = a.lines.reduce((t, l) => t + l.planFen, 0n);
			judge(
				`${a.kind}:${a.dept}`,
				{ deptCode: a.dept },
				join(kindPrefix(a.kind), { zh: dept, en: dept }),
				plan,
				a.totalExecuted,
				december.get(`${a.kind}|${a.dept}|*`) ?? 0n
			);
			const projects = new Map<string, { name: string | null; plan: Fen; executed: Fen }>();
			for (const l of a.lines) {
				if (l.project_code === '') continue;
				const p = projects.get(l.project_code) ?? { name: l.project_name, plan: 0n, executed: 0n };
				p.plan += l.planFen;
				projects.set(l.project_code, p);
			}
			for (const sp of a.spending) {
				const p = projects.get(sp.projectCode);
				if (p) p.executed += sp.amount;
			}
			for (const [code, p] of projects)
				judge(
					`${a.kind}:${a.dept}:${code}`,
					{ deptCode: a.dept, projectCode: code },
					join(kindPrefix(a.kind), {
						zh: `${dept} ${p.name ?? code}`,
						en: `${dept} ${p.name ?? code}`
					}),
					p.plan,
					p.executed,
					december.get(`${a.kind}|${a.dept}|${code}`) ?? 0n
				);
		}
	}
	const covers = (a: { period: string }) => a.period === period;
	return [
		{ ruleType: 'paceLag', findings: pace, covers },
		{ ruleType: 'q3LowExecution', findings: q3, covers },
		{ ruleType: 'yearEndRush', findings: rush, covers },
		{ ruleType: 'projectIdle', findings: idle, covers }
	];
}

// ---------------------------------------------------------------------------------------------
// Revenue, state assets, the feed, data quality, single payments.

/** 收入进度 per revenue subject with a plan: collections from revenue_daily under its code. */
export async function judgeRevenue(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	setting: RuleSettings['revenueLag'],
	names: Names
): Promise<Evaluation> {
	const period = yearPeriod(year);
	const findings: Finding[] = [];
	if (setting.enabled) {
		const through = asOf > `${year}-12-31` ? `${year}-12-31` : asOf;
		const lastThrough = sameDayLastYear(through);
		const collected = (
			from: string,
			to: string
		) => sql`(select sum(r.amount) from revenue_daily r where r.budget_kind = p.budget_kind
			and r.subject_code like p.subject_code || '%' and r.fiscal_date >= ${from}::date and r.fiscal_date <= ${to}::date)::text`;
		const lines = await rows<{
			budget_kind: string;
			subject_code: string;
			plan: string;
			collected: string | null;
			last_year: string | null;
		}>(
			ex,
			sql`select p.budget_kind, p.subject_code, sum(${planAsOf(through, sql`p`)})::text as plan,
					${collected(`${year}-01-01`, through)} as collected, ${collected(`${year - 1}-01-01`, lastThrough)} as last_year
				from plan_line p where p.year = ${year} and p.side = 'revenue' and p.subject_code <> ''
				group by p.budget_kind, p.subject_code`
		);
		for (const l of lines) {
			const name = names.revenue.get(l.subject_code);
			const label = join(kindPrefix(l.budget_kind), {
				zh: name ? `${l.subject_code} ${name}` : l.subject_code,
				en: name ? `${l.subject_code} ${name}` : l.subject_code
			});
			const v = judgeRevenueLag(
				{
					scope: label,
					year,
					asOf: through,
					plan: yuanToFen(l.plan),
					executed: yuanToFen(l.collected),
					lastYear: l.last_year === null ? null : yuanToFen(l.last_year),
					lastYearAsOf: lastThrough
				},
				setting.params
			);
			const f = verdictToFinding('revenueLag', v, {
				key: `${l.budget_kind}:${l.subject_code}`,
				period,
				year
			});
			if (f) findings.push(f);
		}
	}
	return {
		ruleType: 'revenueLag',
		findings,
		covers: (a) => a.period === period,
		narrow: { period }
	};
}

/**
 * State-asset reports of enterprises: leverage from totalAssets / totalLiabilities, capital
 * preservation from preservationRate (percent) or openingEquity / equity. One alert per entity and period.
 */
export async function judgeAssets(
	ex: Executor,
	settings: Pick<RuleSettings, 'soeLeverage' | 'capitalPreservation'>
): Promise<Evaluation[]> {
	const reports = await rows<{
		period: string;
		entity_code: string;
		entity_name: string;
		figures: Record<string, string>;
	}>(
		ex,
		sql`select period, entity_code, entity_name, figures from asset_report where category = 'enterprise'`
	);
	const leverage: Finding[] = [];
	const preservation: Finding[] = [];
	const decimal = (v: unknown) =>
		typeof v === 'string' && /^-?\d+(\.\d{1,6})?$/.test(v) ? v : undefined;
	for (const r of reports) {
		const scope = { zh: r.entity_name, en: r.entity_name };
		const year = Number(r.period.slice(0, 4));
		const key = r.entity_code;
		const assets = decimal(r.figures.totalAssets);
		const liabilities = decimal(r.figures.totalLiabilities);
		if (settings.soeLeverage.enabled && assets && liabilities) {
			const v = judgeSoeLeverage(
				{ scope, period: r.period, totalAssets: assets, totalLiabilities: liabilities },
				settings.soeLeverage.params
			);
			const f = verdictToFinding('soeLeverage', v, { key, period: r.period, year });
			if (f) leverage.push(f);
		}
		if (settings.capitalPreservation.enabled) {
			const v = judgeCapitalPreservation(
				{
					scope,
					period: r.period,
					reportedRate: decimal(r.figures.preservationRate),
					openingEquity: decimal(r.figures.openingEquity),
					closingEquity: decimal(r.figures.equity)
				},
				settings.capitalPreservation.params
			);
			const f = verdictToFinding('capitalPreservation', v, { key, period: r.period, year });
			if (f) preservation.push(f);
		}
	}
	const all = () => true;
	return [
		{ ruleType: 'soeLeverage', findings: leverage, covers: all },
		{ ruleType: 'capitalPreservation', findings: preservation, covers: all }
	];
}

/**
 * 数据中断 of the payment feed, judged on the business time of the newest payment received: for a
 * live feed it is when data last arrived, and it makes a replay judge the same way every time.
 * The period is the fiscal date of that last record, so each gap is its own alert.
 */
export async function judgeFeed(
	ex: Executor,
	now: Date,
	tz: string,
	setting: RuleSettings['feedStale'],
	lastRecordAt?: Date
): Promise<Evaluation> {
	// During ingest feed_status is updated after the rules run: the batch passes its newest record.
	const [feed] = lastRecordAt
		? [{ ms: lastRecordAt.getTime() }]
		: await rows<{ ms: number | null }>(
				ex,
				sql`select (extract(epoch from last_record_at) * 1000)::float8 as ms from feed_status where source = 'payment'`
			);
	const findings: Finding[] = [];
	if (setting.enabled && feed?.ms != null) {
		const lastAt = new Date(Number(feed.ms));
		const v = judgeFeedStale(
			{ scope: { zh: '国库支付数据', en: 'treasury payment feed' }, lastAt, now, tz },
			setting.params
		);
		const day = fiscalDateOf(lastAt, tz);
		const f = verdictToFinding('feedStale', v, {
			key: 'payment',
			period: day,
			year: Number(day.slice(0, 4))
		});
		if (f) findings.push(f);
	}
	return { ruleType: 'feedStale', findings, covers: () => true };
}

/**
 * What one ingest batch can change about data quality: its rejects (quarantine counts) and the
 * unknown codes it brought. Judging only these keeps the batch's cost to its own codes.
 */
export interface QualityTouch {
	quarantine: boolean;
	funcCodes: string[];
	unitCodes: string[];
}

/**
 * Quarantined records (open) per kind and year received; payments under unknown function codes or
 * units. Without `touch`, everything of the year (periodic run); with it, only the quarantine counts
 * (when the batch had rejects) and the unknown codes the batch brought.
 */
export async function judgeQuality(
	ex: Executor,
	year: number,
	tz: string,
	setting: RuleSettings['dataQuality'],
	touch?: QualityTouch
): Promise<Evaluation> {
	const period = yearPeriod(year);
	const findings: Finding[] = [];
	const months = sql`grain = 'm' and period >= ${`${year}-01-01`}::date and period <= ${`${year}-12-01`}::date`;
	if (setting.enabled) {
		const none = Promise.resolve([] as { kind: string; code: string; n: number }[]);
		const [quarantined, unknownFunc, unknownUnit] = await Promise.all([
			touch && !touch.quarantine
				? none
				: rows<{ kind: string; n: number }>(
						ex,
						sql`select kind, count(*)::int as n from quarantine where status = 'open'
							and received_at >= ${`${year}-01-01 00:00`}::timestamp at time zone ${tz}
							and received_at < ${`${year + 1}-01-01 00:00`}::timestamp at time zone ${tz}
							group by kind`
					),
			touch && touch.funcCodes.length === 0
				? none
				: rows<{ code: string; n: number }>(
						ex,
						sql`select func_code as code, sum(payment_count)::int as n from execution_rollup
							where level = 'func' and ${months}
								${touch ? sql`and func_code = ${anyText(touch.funcCodes)}` : sql``}
								and func_code not in (select code from classification_code where scheme = 'function')
							group by func_code`
					),
			touch && touch.unitCodes.length === 0
				? none
				: rows<{ code: string; n: number }>(
						ex,
						sql`select code, sum(n)::int as n from (
								select dept_code as code, payment_count as n from execution_rollup
									where level = 'dept' and ${months} ${touch ? sql`and dept_code = ${anyText(touch.unitCodes)}` : sql``}
								union all
								select agency_code, payment_count from ${rollupBetween(
									'unit',
									null,
									`${year}-01-01`,
									`${year}-12-31`,
									sql`agency_code <> ''${touch ? sql` and agency_code = ${anyText(touch.unitCodes)}` : sql``}`
								)} u
							) s where code not in (select code from budget_unit) group by code`
					)
		]);
		const add = (
			problem: QualityProblem,
			key: string,
			scope: Localized,
			count: number,
			codes: SubjectScope = {}
		) => {
			const v = judgeDataQuality({ scope, problem, count: Number(count) }, setting.params);
			const f = verdictToFinding('dataQuality', v, { key, period, year, ...codes });
			if (f) findings.push(f);
		};
		for (const q of quarantined)
			add(
				'quarantined',
				`quarantine:${q.kind}`,
				{ zh: `隔离区 (${q.kind})`, en: `quarantine (${q.kind})` },
				q.n
			);
		for (const u of unknownFunc)
			add(
				'unknownFunction',
				`function:${u.code}`,
				{ zh: `功能科目 ${u.code}`, en: `function code ${u.code}` },
				u.n,
				{ funcCode: u.code }
			);
		for (const u of unknownUnit)
			add('unknownUnit', `unit:${u.code}`, { zh: `预算单位 ${u.code}`, en: `unit ${u.code}` }, u.n);
	}
	if (!touch)
		return {
			ruleType: 'dataQuality',
			findings,
			covers: (a) => a.period === period,
			narrow: { period }
		};
	const keys = new Set([
		...touch.funcCodes.map((c) => `function:${c}`),
		...touch.unitCodes.map((c) => `unit:${c}`)
	]);
	return {
		ruleType: 'dataQuality',
		findings,
		covers: (a) =>
			a.period === period &&
			(keys.has(a.subjectKey) || (touch.quarantine && a.subjectKey.startsWith('quarantine:'))),
		narrow: { period }
	};
}

export interface PaymentFact {
	id: string;
	fiscalDate: string;
	budgetKind: string;
	deptCode: string;
	funcCode: string;
	projectCode: string;
	amount: Fen;
	payee?: string | null;
	purpose?: string | null;
}

/**
 * 大额支付 for the given payments. Coverage: the payments that are large (or the whole year when
 * `wholeYear`). A batch's payments are new or identical duplicates, so one that is not large has no
 * alert to close; leaving it out keeps the read of active alerts to the few large ones, not every
 * payment of the batch. The periodic run (wholeYear) closes what changed thresholds cleared.
 */
export function judgePayments(
	payments: PaymentFact[],
	setting: RuleSettings['largePayment'],
	names: Names,
	wholeYear?: number
): Evaluation {
	const findings: Finding[] = [];
	if (setting.enabled) {
		for (const p of payments) {
			const scope = {
				deptCode: p.deptCode,
				funcCode: p.funcCode,
				projectCode: p.projectCode || undefined
			};
			const params = paramsFor('largePayment', setting.params, setting.overrides, scope);
			if (!levelAtLeastFen(p.amount, params.thresholds)) continue; // most payments: no labels to build
			const dept = deptLabel(names, p.deptCode);
			const v = judgeLargePayment(
				{
					scope: join(
						kindPrefix(p.budgetKind),
						{ zh: `${dept} `, en: `${dept} ` },
						funcLabel(names, p.funcCode)
					),
					id: p.id,
					amount: p.amount,
					fiscalDate: p.fiscalDate,
					payee: p.payee,
					purpose: p.purpose
				},
				params
			);
			const year = Number(p.fiscalDate.slice(0, 4));
			const f = verdictToFinding('largePayment', v, {
				key: p.id,
				period: String(year),
				year,
				...scope
			});
			if (f) findings.push(f);
		}
	}
	const ids = new Set(findings.map((f) => f.subjectKey));
	return {
		ruleType: 'largePayment',
		findings,
		covers:
			wholeYear !== undefined
				? (a) => a.period === String(wholeYear)
				: (a) => ids.has(a.subjectKey),
		narrow: wholeYear !== undefined ? { period: String(wholeYear) } : { subjectKeys: [...ids] }
	};
}

/** No payment under this amount is large under the settings in force: the least threshold of the defaults and every override. */
export function largePaymentFloor(setting: RuleSettings['largePayment']): Fen {
	const thresholds: Partial<Thresholds>[] = [
		setting.params.thresholds,
		...setting.overrides.map((o) => o.params.thresholds ?? {})
	];
	return thresholds
		.flatMap((t) => [t.notice, t.warning, t.severe])
		.filter((v): v is string => !!v)
		.map(yuanToFenText)
		.reduce((a, b) => (b < a ? b : a));
}

/** The year's payments at or above the lowest large-payment threshold in force (defaults or any override). */
export async function loadLargePayments(
	ex: Executor,
	year: number,
	setting: RuleSettings['largePayment']
): Promise<PaymentFact[]> {
	const min = fenToYuan(largePaymentFloor(setting));
	// The threshold is a literal so the planner can use the partial index of payments ≥ 100万.
	const found = await rows<{
		id: string;
		fiscal_date: string;
		budget_kind: string;
		dept_code: string;
		func_code: string;
		project_code: string;
		amount: string;
		payee: string | null;
		purpose: string | null;
	}>(
		ex,
		sql`select id, fiscal_date::text, budget_kind, dept_code, func_code, project_code, amount::text, payee, purpose
			from payment where fiscal_year = ${year} and amount >= ${sql.raw(min)}`
	);
	return found.map((p) => ({
		id: p.id,
		fiscalDate: p.fiscal_date,
		budgetKind: p.budget_kind,
		deptCode: p.dept_code,
		funcCode: p.func_code,
		projectCode: p.project_code,
		amount: yuanToFen(p.amount),
		payee: p.payee,
		purpose: p.purpose
	}));
}
