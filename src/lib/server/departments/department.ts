// A department's page and the ranking of all departments, plan against execution as of a date.
// Spending is matched to the department's plan lines (src/lib/domain/plan-match.ts).
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import { progressOf, type Progress } from '../../domain/gap';
import { fenToYuan, yuanToFen } from '../../domain/money';
import { allocateToLines, type Allocation } from '../../domain/plan-match';
import {
	departmentRanking,
	figures,
	type DailyAmount,
	type DepartmentRank,
	type ExecutionQuery,
	type Figures
} from '../execution';
import { planAsOf, rollupAsOf } from '../rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import {
	planLineRow,
	planLines,
	shareOf,
	unitName,
	type Named,
	type PlanLineRaw,
	type PlanLineRow
} from './reads';

export interface UnplannedSpending {
	funcCode: string;
	funcName: string | null;
	funcNameEn: string | null;
	econCode: string;
	econName: string | null;
	econNameEn: string | null;
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

/** Spending of a department summed by plan-line codes (function, economic, project). */
type SpendingRaw = {
	func_code: string;
	econ_code: string;
	project_code: string;
	amount: string;
	payments: number;
};

/** A department's page: figures, plan lines with their execution, units, projects and its curve. */
export async function department(q: ExecutionQuery, dept: string): Promise<DepartmentPage> {
	return snapshot(async (tx, seq) => {
		const tp = progressOf(q.asOf, q.year);
		const r = await departmentReads(tx, q, dept);
		const allocation = allocate(r.lines, r.spending);
		const lineRows = r.lines.map((l, i) =>
			planLineRow(l, fenToYuan(allocation.executed[i]), allocation.payments[i], tp)
		);
		const executedFen = r.spending.reduce((s, x) => s + yuanToFen(x.amount), 0n);
		const payments = r.spending.reduce((n, x) => n + x.payments, 0);
		const initialPlan = r.lines.reduce((s, l) => s + yuanToFen(l.initial_plan), 0n);
		const plan = r.lines.reduce((s, l) => s + yuanToFen(l.plan), 0n);
		const begins = `${q.year}-01-01`;
		return {
			...q,
			seq,
			node: { code: dept, name: r.name },
			...figures(fenToYuan(initialPlan), fenToYuan(plan), fenToYuan(executedFen), payments, tp),
			adjusted: r.lines.some((l) => l.adjusted),
			lines: lineRows,
			unplanned: fenToYuan(allocation.unplanned),
			unplannedPayments: allocation.unplannedPayments,
			unplannedSpending: await unplannedRows(tx, allocation),
			units: r.units.map((u) => ({ ...u, share: shareOf(u.executed, executedFen) })),
			projects: projectRows(lineRows, r.spending, tp),
			days: r.days.filter((d) => d.date >= begins),
			lastYear: {
				year: q.year - 1,
				plan: r.lastYearPlan,
				days: r.days.filter((d) => d.date < begins)
			},
			feed: r.feed
		};
	});
}

/** Everything a department's page reads, in parallel within its snapshot. */
async function departmentReads(tx: Executor, q: ExecutionQuery, dept: string) {
	const deptRows = sql`dept_code = ${dept}`;
	const lastYear = q.year - 1;
	const [name, lines, spending, units, days, lastYearPlan, feed] = await Promise.all([
		unitName(tx, dept),
		planLines(tx, q, dept),
		rows<SpendingRaw>(
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
	return { name, lines, spending, units, days, lastYearPlan: lastYearPlan[0].plan, feed };
}

/** The department's spending matched to its plan lines; what no line covers is unplanned. */
function allocate(lines: PlanLineRaw[], spending: SpendingRaw[]): Allocation<PlanLineRaw> {
	return allocateToLines(
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
}

/** Spending without a plan, by its codes, with the codes' names. */
async function unplannedRows(
	ex: Executor,
	allocation: Allocation<PlanLineRaw>
): Promise<UnplannedSpending[]> {
	const codeNames = await codeNamesOf(ex, allocation.unplannedSpending);
	return allocation.unplannedSpending.map((s) => {
		const func = codeNames.get(`function:${s.funcCode}`);
		const econ = codeNames.get(`economic:${s.econCode}`);
		return {
			funcCode: s.funcCode,
			funcName: func?.name ?? null,
			funcNameEn: func?.nameEn ?? null,
			econCode: s.econCode,
			econName: econ?.name ?? null,
			econNameEn: econ?.nameEn ?? null,
			projectCode: s.projectCode,
			amount: fenToYuan(s.amount),
			payments: s.payments
		};
	});
}

/** Projects of the department: the project lines' plan against all spending on the project. */
function projectRows(lines: PlanLineRow[], spending: SpendingRaw[], tp: Progress): ProjectRow[] {
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
): Promise<Map<string, { name: string; nameEn: string | null }>> {
	if (spending.length === 0) return new Map();
	const keys = spending.flatMap((s) => [`function:${s.funcCode}`, `economic:${s.econCode}`]);
	const found = await rows<{ key: string; name: string; nameEn: string | null }>(
		ex,
		sql`select scheme || ':' || code as key, name, name_en as "nameEn" from classification_code
			where scheme || ':' || code = ${anyText(keys)}`
	);
	return new Map(found.map((r) => [r.key, { name: r.name, nameEn: r.nameEn }]));
}
