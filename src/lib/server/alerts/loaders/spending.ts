/**
 * Reads what the spending rules judge: a year's expenditure plan lines and its spending by plan-line
 * key from the rollup's `line` level, each project's last payment day and December's spending.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import {
	projectKey,
	throughOf,
	type LineSpending,
	type PlanLine,
	type SpendingData
} from '../../../domain/alerts/judges/spending';
import type { FiscalDate } from '../../../domain/calendar';
import { yuanToFen, type Fen } from '../../../domain/money';
import { planAsOf, rollupBetween } from '../../rollup-read';

/** `dept_code = any(array)`: an index condition on the rollup's and plan lines' keys (an IN over a subquery became a scan). */
const deptArray = (depts: ReadonlySet<string>) =>
	sql`dept_code = any(string_to_array(${[...depts].join(',')}, ','))`;
const inDepts = (depts: ReadonlySet<string> | undefined) =>
	depts ? sql` and ${deptArray(depts)}` : sql``;

/** The year's plan lines and spending through asOf (of these departments). */
export async function loadSpending(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	depts?: ReadonlySet<string>
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
	depts?: ReadonlySet<string>
): Promise<PlanLine[]> {
	const found = await rows<{
		budget_kind: string;
		dept_code: string;
		func_code: string;
		econ_code: string;
		project_code: string;
		project_name: string | null;
		plan: string;
	}>(
		ex,
		sql`select budget_kind, dept_code, func_code, econ_code, project_code, project_name, ${planAsOf(throughOf(year, asOf))}::text as plan
			from plan_line where year = ${year} and side = 'expenditure'${inDepts(depts)}`
	);
	return found.map((l) => ({
		budgetKind: l.budget_kind,
		deptCode: l.dept_code,
		funcCode: l.func_code,
		econCode: l.econ_code,
		projectCode: l.project_code,
		projectName: l.project_name,
		plan: yuanToFen(l.plan)
	}));
}

/** Spending from 1 January through asOf (of these departments) by plan-line key, from the rollup's `line` level. */
export async function loadLineSpending(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	depts?: ReadonlySet<string>
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

/** The last day each project had a payment this year, by projectKey (day rows of the unit level carry the project). */
export async function loadLastPaid(
	ex: Executor,
	year: number,
	asOf: FiscalDate
): Promise<Map<string, FiscalDate>> {
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
	return new Map(
		found.map((r) => [projectKey(r.budget_kind, r.dept_code, r.project_code), r.last])
	);
}

/** December's spending through asOf per department (project '*') and project, by projectKey. */
export async function loadDecember(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	kinds: Iterable<string>
): Promise<Map<string, Fen>> {
	const december = new Map<string, Fen>();
	for (const kind of kinds) {
		const found = await rows<{ dept_code: string; project_code: string | null; amount: string }>(
			ex,
			sql`select dept_code, case when grouping(project_code) = 1 then null else project_code end as project_code,
					sum(amount)::text as amount
				from ${rollupBetween('unit', kind, `${year}-12-01`, asOf)} s group by grouping sets ((dept_code), (dept_code, project_code))`
		);
		for (const d of found)
			december.set(projectKey(kind, d.dept_code, d.project_code ?? '*'), yuanToFen(d.amount));
	}
	return december;
}
