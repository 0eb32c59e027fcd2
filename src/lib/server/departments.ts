// The department drill-down: department → unit → project, each with plan against execution as of a
// date. Spending is matched to the department's plan lines (src/lib/domain/plan-match.ts).
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../db/client';
import { timeProgress } from '../domain/fiscal';
import { fenToYuan, yuanToFen } from '../domain/money';
import { allocateToLines } from '../domain/plan-match';
import {
	departmentRanking,
	figures,
	type DailyAmount,
	type DepartmentRank,
	type ExecutionQuery,
	type Figures
} from './execution';
import { planAsOf, rollupAsOf } from './rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export interface Named {
	code: string;
	name: string | null;
}

export interface PlanLineRow extends Figures {
	funcCode: string;
	funcName: string | null;
	econCode: string;
	econName: string | null;
	projectCode: string;
	projectName: string | null;
}

export interface UnplannedSpending {
	funcCode: string;
	funcName: string | null;
	econCode: string;
	econName: string | null;
	projectCode: string;
	amount: string;
	payments: number;
}

export interface UnitRow extends Named {
	executed: string;
	payments: number;
	/** Share of the department's spending, a fraction. */
	share: string | null;
}

export interface ProjectRow extends Figures {
	code: string;
	name: string | null;
}

export interface DepartmentPage extends ExecutionQuery, Figures {
	seq: number;
	node: Named;
	adjusted: boolean;
	lines: PlanLineRow[];
	/** 无预算支出: spending no plan line of the department covers. */
	unplanned: string;
	unplannedPayments: number;
	unplannedSpending: UnplannedSpending[];
	units: UnitRow[];
	projects: ProjectRow[];
	/** Daily execution of the department through asOf, for its cumulative curve. */
	days: DailyAmount[];
	/** Last year's whole curve beside it: the department's plan as it stood at last year's end and its daily execution. */
	lastYear: { year: number; plan: string; days: DailyAmount[] };
	feed: FeedFreshness;
}

type LineRaw = {
	func_code: string;
	func_name: string | null;
	econ_code: string;
	econ_name: string | null;
	project_code: string;
	project_name: string | null;
	initial_plan: string;
	plan: string;
	adjusted: boolean;
};

async function unitName(ex: Executor, code: string): Promise<string | null> {
	const [r] = await rows<{ name: string }>(
		ex,
		sql`select name from budget_unit where code = ${code}`
	);
	return r?.name ?? null;
}

/** A department's page: figures, plan lines with their execution, units, projects and its curve. */
export async function department(q: ExecutionQuery, dept: string): Promise<DepartmentPage> {
	return snapshot(async (tx, seq) => {
		const tp = timeProgress(q.asOf, q.year);
		const deptRows = sql`dept_code = ${dept}`;
		const lastYear = q.year - 1;
		const [name, lines, spending, units, allDays, lastYearPlan, feed] = await Promise.all([
			unitName(tx, dept),
			rows<LineRaw>(
				tx,
				sql`select l.func_code, fc.name as func_name, l.econ_code, ec.name as econ_name, l.project_code, l.project_name,
					coalesce(l.initial_amount, 0.00)::text as initial_plan, (${planAsOf(q.asOf, sql`l`)})::text as plan,
					(l.adjusted_amount is not null and (l.adjusted_on is null or l.adjusted_on <= ${q.asOf}::date)) as adjusted
				from plan_line l
				left join classification_code fc on fc.scheme = 'function' and fc.code = l.func_code
				left join classification_code ec on ec.scheme = 'economic' and ec.code = l.econ_code
				where l.year = ${q.year} and l.budget_kind = ${q.budgetKind} and l.side = 'expenditure' and l.dept_code = ${dept}
				order by l.func_code, l.econ_code, l.project_code`
			),
			rows<{
				func_code: string;
				econ_code: string;
				project_code: string;
				amount: string;
				payments: number;
			}>(
				tx,
				sql`select func_code, econ_code, project_code, sum(amount)::text as amount, sum(payment_count)::int as payments
				from ${rollupAsOf('line', q, deptRows)} r group by 1, 2, 3`
			),
			rows<{ code: string; name: string | null; executed: string; payments: number }>(
				tx,
				sql`select r.agency_code as code, u.name, sum(r.amount)::text as executed, sum(r.payment_count)::int as payments
				from ${rollupAsOf('unit', q, deptRows)} r left join budget_unit u on u.code = r.agency_code
				group by 1, 2 order by sum(r.amount) desc, 1`
			),
			// Last year's whole year and this year through asOf, in one range.
			rows<DailyAmount>(
				tx,
				sql`select period::text as date, amount::text as amount from execution_rollup
				where level = 'dept' and budget_kind = ${q.budgetKind} and dept_code = ${dept} and grain = 'd'
				  and period between ${`${lastYear}-01-01`}::date and ${q.asOf}::date order by period`
			),
			rows<{ plan: string }>(
				tx,
				sql`select coalesce(sum(${planAsOf(`${lastYear}-12-31`)}), 0.00)::text as plan from plan_line
				where year = ${lastYear} and budget_kind = ${q.budgetKind} and side = 'expenditure' and dept_code = ${dept}`
			),
			feedFreshness(tx, 'payment')
		]);
		const days = allDays.filter((d) => d.date >= `${q.year}-01-01`);
		const lastYearDays = allDays.filter((d) => d.date < `${q.year}-01-01`);
		const allocation = allocateToLines(
			lines.map((l) => ({
				...l,
				funcCode: l.func_code,
				econCode: l.econ_code,
				projectCode: l.project_code
			})),
			spending.map((s) => ({
				funcCode: s.func_code,
				econCode: s.econ_code,
				projectCode: s.project_code,
				amount: yuanToFen(s.amount),
				payments: s.payments
			}))
		);
		const lineRows: PlanLineRow[] = lines.map((l, i) => ({
			funcCode: l.func_code,
			funcName: l.func_name,
			econCode: l.econ_code,
			econName: l.econ_name,
			projectCode: l.project_code,
			projectName: l.project_name,
			...figures(
				l.initial_plan,
				l.plan,
				fenToYuan(allocation.executed[i]),
				allocation.payments[i],
				tp
			)
		}));
		const executedFen = spending.reduce((s, r) => s + yuanToFen(r.amount), 0n);
		const payments = spending.reduce((n, r) => n + r.payments, 0);
		const initialPlan = lines.reduce((s, l) => s + yuanToFen(l.initial_plan), 0n);
		const plan = lines.reduce((s, l) => s + yuanToFen(l.plan), 0n);
		const codeNames = await codeNamesOf(tx, allocation.unplannedSpending);
		return {
			...q,
			seq,
			node: { code: dept, name },
			...figures(fenToYuan(initialPlan), fenToYuan(plan), fenToYuan(executedFen), payments, tp),
			adjusted: lines.some((l) => l.adjusted),
			lines: lineRows,
			unplanned: fenToYuan(allocation.unplanned),
			unplannedPayments: allocation.unplannedPayments,
			unplannedSpending: allocation.unplannedSpending.map((s) => ({
				funcCode: s.funcCode,
				funcName: codeNames.get(`function:${s.funcCode}`) ?? null,
				econCode: s.econCode,
				econName: codeNames.get(`economic:${s.econCode}`) ?? null,
				projectCode: s.projectCode,
				amount: fenToYuan(s.amount),
				payments: s.payments
			})),
			units: units.map((u) => ({ ...u, share: shareOf(u.executed, executedFen) })),
			projects: projectRows(lineRows, spending, tp),
			days,
			lastYear: { year: lastYear, plan: lastYearPlan[0].plan, days: lastYearDays },
			feed
		};
	});
}

function shareOf(part: string, whole: bigint): string | null {
	if (whole === 0n) return null;
	const q = (yuanToFen(part) * 10_000n * 2n + whole) / (whole * 2n);
	return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, '0')}`;
}

/** Projects of the department: the project lines' plan against all spending on the project. */
function projectRows(
	lines: PlanLineRow[],
	spending: { project_code: string; amount: string; payments: number }[],
	tp: string
): ProjectRow[] {
	const byCode = new Map<
		string,
		{ name: string | null; initial: bigint; plan: bigint; executed: bigint; payments: number }
	>();
	const get = (code: string) => {
		let p = byCode.get(code);
		if (!p)
			byCode.set(code, (p = { name: null, initial: 0n, plan: 0n, executed: 0n, payments: 0 }));
		return p;
	};
	for (const l of lines.filter((l) => l.projectCode !== '')) {
		const p = get(l.projectCode);
		p.name ??= l.projectName;
		p.initial += yuanToFen(l.initialPlan);
		p.plan += yuanToFen(l.plan);
	}
	for (const s of spending.filter((s) => s.project_code !== '')) {
		const p = get(s.project_code);
		p.executed += yuanToFen(s.amount);
		p.payments += s.payments;
	}
	return [...byCode.entries()]
		.map(([code, p]) => ({
			code,
			name: p.name,
			...figures(fenToYuan(p.initial), fenToYuan(p.plan), fenToYuan(p.executed), p.payments, tp)
		}))
		.sort((a, b) => Number(yuanToFen(b.plan) - yuanToFen(a.plan)) || a.code.localeCompare(b.code));
}

async function codeNamesOf(
	ex: Executor,
	spending: { funcCode: string; econCode: string }[]
): Promise<Map<string, string>> {
	if (spending.length === 0) return new Map();
	const keys = spending.flatMap((s) => [`function:${s.funcCode}`, `economic:${s.econCode}`]);
	const found = await rows<{ key: string; name: string }>(
		ex,
		sql`select scheme || ':' || code as key, name from classification_code
			where scheme || ':' || code = ${anyText(keys)}`
	);
	return new Map(found.map((r) => [r.key, r.name]));
}

// ---- a unit ----

export interface UnitProjectRow {
	/** '' = spending not on a project (日常支出). */
	code: string;
	name: string | null;
	executed: string;
	payments: number;
}

export interface MonthlyAmount {
	month: number;
	amount: string;
}

export interface UnitPage extends ExecutionQuery {
	seq: number;
	dept: Named;
	node: Named;
	executed: string;
	payments: number;
	timeProgress: string;
	/** Share of the department's spending. */
	share: string | null;
	projects: UnitProjectRow[];
	months: MonthlyAmount[];
	feed: FeedFreshness;
}

/** A budget unit's page: what it spent, by project, by month. Plans are set per department, not per unit. */
export async function unit(q: ExecutionQuery, dept: string, agency: string): Promise<UnitPage> {
	return snapshot(async (tx, seq) => {
		const where = sql`dept_code = ${dept} and agency_code = ${agency}`;
		const [deptName, name, projects, months, deptTotal, feed] = await Promise.all([
			unitName(tx, dept),
			unitName(tx, agency),
			rows<{ code: string; name: string | null; executed: string; payments: number }>(
				tx,
				sql`select r.project_code as code,
					(select pl.project_name from plan_line pl where pl.year = ${q.year} and pl.dept_code = ${dept}
						and pl.project_code = r.project_code and r.project_code <> '' and pl.project_name is not null limit 1) as name,
					sum(r.amount)::text as executed, sum(r.payment_count)::int as payments
				from ${rollupAsOf('unit', q, where)} r group by 1 order by sum(r.amount) desc, 1`
			),
			monthsOf(tx, q, where),
			rows<{ executed: string }>(
				tx,
				sql`select coalesce(sum(amount), 0.00)::text as executed from ${rollupAsOf('dept', q, sql`dept_code = ${dept}`)} r`
			),
			feedFreshness(tx, 'payment')
		]);
		const executed = fenToYuan(projects.reduce((s, p) => s + yuanToFen(p.executed), 0n));
		return {
			...q,
			seq,
			dept: { code: dept, name: deptName },
			node: { code: agency, name },
			executed,
			payments: projects.reduce((n, p) => n + p.payments, 0),
			timeProgress: timeProgress(q.asOf, q.year),
			share: shareOf(executed, yuanToFen(deptTotal[0].executed)),
			projects,
			months,
			feed
		};
	});
}

/** Execution by month through asOf from the unit level (month rows, and day rows of the last month). */
async function monthsOf(
	ex: Executor,
	q: ExecutionQuery,
	where: ReturnType<typeof sql>
): Promise<MonthlyAmount[]> {
	const found = await rows<{ month: number; amount: string }>(
		ex,
		sql`select extract(month from period)::int as month, sum(amount)::text as amount
		from ${rollupAsOf('unit', q, where)} r group by 1`
	);
	const last = Number(q.asOf.slice(5, 7));
	return Array.from({ length: last }, (_, i) => ({
		month: i + 1,
		amount: found.find((r) => r.month === i + 1)?.amount ?? '0.00'
	}));
}

// ---- a project ----

export interface ProjectPage extends ExecutionQuery, Figures {
	seq: number;
	dept: Named;
	/** When the project is seen through one unit: that unit (figures are then the unit's spending). */
	unit: Named | null;
	node: Named;
	lines: PlanLineRow[];
	months: MonthlyAmount[];
	feed: FeedFreshness;
}

/** A project's page: its plan lines against the spending on it (optionally by one unit), by month. */
export async function project(
	q: ExecutionQuery,
	dept: string,
	projectCode: string,
	agency?: string
): Promise<ProjectPage> {
	return snapshot(async (tx, seq) => {
		const tp = timeProgress(q.asOf, q.year);
		const where = agency
			? sql`dept_code = ${dept} and agency_code = ${agency} and project_code = ${projectCode}`
			: sql`dept_code = ${dept} and project_code = ${projectCode}`;
		const [deptName, agencyName, lines, spent, months, feed] = await Promise.all([
			unitName(tx, dept),
			agency ? unitName(tx, agency) : Promise.resolve(null),
			rows<LineRaw>(
				tx,
				sql`select l.func_code, fc.name as func_name, l.econ_code, ec.name as econ_name, l.project_code, l.project_name,
					coalesce(l.initial_amount, 0.00)::text as initial_plan, (${planAsOf(q.asOf, sql`l`)})::text as plan, false as adjusted
				from plan_line l
				left join classification_code fc on fc.scheme = 'function' and fc.code = l.func_code
				left join classification_code ec on ec.scheme = 'economic' and ec.code = l.econ_code
				where l.year = ${q.year} and l.budget_kind = ${q.budgetKind} and l.side = 'expenditure' and l.dept_code = ${dept}
				  and l.project_code = ${projectCode}
				order by l.func_code, l.econ_code`
			),
			rows<{ executed: string; payments: number }>(
				tx,
				sql`select coalesce(sum(amount), 0.00)::text as executed, coalesce(sum(payment_count), 0)::int as payments
				from ${rollupAsOf('unit', q, where)} r`
			),
			monthsOf(tx, q, where),
			feedFreshness(tx, 'payment')
		]);
		const initial = lines.reduce((s, l) => s + yuanToFen(l.initial_plan), 0n);
		const plan = lines.reduce((s, l) => s + yuanToFen(l.plan), 0n);
		const name = lines.find((l) => l.project_name)?.project_name ?? null;
		return {
			...q,
			seq,
			dept: { code: dept, name: deptName },
			unit: agency ? { code: agency, name: agencyName } : null,
			node: { code: projectCode, name },
			...figures(fenToYuan(initial), fenToYuan(plan), spent[0].executed, spent[0].payments, tp),
			lines: lines.map((l) => ({
				funcCode: l.func_code,
				funcName: l.func_name,
				econCode: l.econ_code,
				econName: l.econ_name,
				projectCode: l.project_code,
				projectName: l.project_name,
				...figures(l.initial_plan, l.plan, '0.00', 0, tp)
			})),
			months,
			feed
		};
	});
}

// ---- all departments ----

export interface DepartmentsPage extends ExecutionQuery {
	seq: number;
	departments: DepartmentRank[];
	feed: FeedFreshness;
}

/** Every department ranked by its gap to time progress. */
export async function departments(q: ExecutionQuery): Promise<DepartmentsPage> {
	return snapshot(async (tx, seq) => {
		const [ranked, feed] = await Promise.all([
			departmentRanking(tx, q),
			feedFreshness(tx, 'payment')
		]);
		return { ...q, seq, departments: ranked, feed };
	});
}
