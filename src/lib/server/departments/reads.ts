// Reads the department, unit and project pages share: unit names, a department's plan lines with
// the names of their codes, execution by month, and one amount's share of another.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { yuanToFen } from '../../domain/money';
import type { Progress } from '../../domain/gap';
import { figures, type ExecutionQuery, type Figures } from '../execution';
import { planAsOf, rollupAsOf } from '../rollup-read';

export interface Named {
	code: string;
	name: string | null;
}

export interface PlanLineRow extends Figures {
	funcCode: string;
	funcName: string | null;
	/** The code table's English names (classes only have them). */
	funcNameEn: string | null;
	econCode: string;
	econName: string | null;
	econNameEn: string | null;
	projectCode: string;
	projectName: string | null;
}

export interface MonthlyAmount {
	month: number;
	amount: string;
}

export type PlanLineRaw = {
	func_code: string;
	func_name: string | null;
	func_name_en: string | null;
	econ_code: string;
	econ_name: string | null;
	econ_name_en: string | null;
	project_code: string;
	project_name: string | null;
	initial_plan: string;
	plan: string;
	adjusted: boolean;
};

export async function unitName(ex: Executor, code: string): Promise<string | null> {
	const [r] = await rows<{ name: string }>(
		ex,
		sql`select name from budget_unit where code = ${code}`
	);
	return r?.name ?? null;
}

/** A department's spending plan lines as of asOf (optionally one project's), with code names. */
export function planLines(
	ex: Executor,
	q: ExecutionQuery,
	dept: string,
	projectCode?: string
): Promise<PlanLineRaw[]> {
	const project = projectCode === undefined ? sql`` : sql` and l.project_code = ${projectCode}`;
	return rows<PlanLineRaw>(
		ex,
		sql`select l.func_code, fc.name as func_name, fc.name_en as func_name_en, l.econ_code, ec.name as econ_name,
			ec.name_en as econ_name_en, l.project_code, l.project_name,
			coalesce(l.initial_amount, 0.00)::text as initial_plan, (${planAsOf(q.asOf, sql`l`)})::text as plan,
			(l.adjusted_amount is not null and (l.adjusted_on is null or l.adjusted_on <= ${q.asOf}::date)) as adjusted
		from plan_line l
		left join classification_code fc on fc.scheme = 'function' and fc.code = l.func_code
		left join classification_code ec on ec.scheme = 'economic' and ec.code = l.econ_code
		where l.year = ${q.year} and l.budget_kind = ${q.budgetKind} and l.side = 'expenditure' and l.dept_code = ${dept}${project}
		order by l.func_code, l.econ_code, l.project_code`
	);
}

/** A plan line as pages show it, with what it executed. */
export function planLineRow(
	l: PlanLineRaw,
	executed: string,
	payments: number,
	tp: Progress
): PlanLineRow {
	return {
		funcCode: l.func_code,
		funcName: l.func_name,
		funcNameEn: l.func_name_en,
		econCode: l.econ_code,
		econName: l.econ_name,
		econNameEn: l.econ_name_en,
		projectCode: l.project_code,
		projectName: l.project_name,
		...figures(l.initial_plan, l.plan, executed, payments, tp)
	};
}

/** Execution by month through asOf from the unit level (month rows, and day rows of the last month). */
export async function monthsOf(
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

/** `part` as a fraction of `whole` (fen), four decimals; null when the whole is zero. */
export function shareOf(part: string, whole: bigint): string | null {
	if (whole === 0n) return null;
	const q = (yuanToFen(part) * 10_000n * 2n + whole) / (whole * 2n);
	return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, '0')}`;
}
