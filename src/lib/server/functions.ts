// The function-class drill-down (类 → 款 → 项): a function code's figures, the level below it and
// the departments that spend on it, for a year, budget kind and as-of date, in one snapshot.
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../db/client';
import { codeLevel, parentCode } from '../domain/codes';
import { progressOf } from '../domain/gap';
import { figures, type CodeRow, type ExecutionQuery, type Figures } from './execution';
import { planAsOf, rollupAsOf } from './rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export interface CodeNode {
	code: string;
	name: string | null;
	nameEn: string | null;
}

export interface DepartmentOnCode extends Figures {
	code: string;
	name: string | null;
}

export interface FunctionPage extends ExecutionQuery, Figures {
	seq: number;
	node: CodeNode;
	/** 类 and 款 above this code, top first. */
	ancestors: CodeNode[];
	/** The next level down (empty on a 项); a row with the code itself holds what is not broken down. */
	children: CodeRow[];
	/** Departments spending on this code. */
	departments: DepartmentOnCode[];
	/** Plan set on a coarser code that covers this one (e.g. a line at 205 seen from 20502). */
	coveringPlan: string;
	feed: FeedFreshness;
}

/** A function code's page: its figures, the level below it and the departments that spend on it. */
export async function functionPage(q: ExecutionQuery, code: string): Promise<FunctionPage> {
	return snapshot(async (tx, seq) => {
		const tp = progressOf(q.asOf, q.year);
		const ancestorsCodes: string[] = [];
		for (let c = parentCode(code); c; c = parentCode(c)) ancestorsCodes.unshift(c);
		const [names, children, totals, departments, feed] = await Promise.all([
			rows<{ code: string; name: string; name_en: string | null }>(
				tx,
				sql`select code, name, name_en from classification_code where scheme = 'function'
					and code = ${anyText([...ancestorsCodes, code])}`
			),
			codeLevel(code) === 'item' ? Promise.resolve([]) : codeChildren(tx, q, code),
			rows<{
				initial_plan: string;
				plan: string;
				covering: string;
				executed: string;
				payments: number;
			}>(
				tx,
				sql`select
					(select coalesce(sum(initial_amount), 0.00)::text from plan_line where year = ${q.year} and budget_kind = ${q.budgetKind}
						and side = 'expenditure' and func_code like ${`${code}%`}) as initial_plan,
					(select coalesce(sum(${planAsOf(q.asOf)}), 0.00)::text from plan_line where year = ${q.year} and budget_kind = ${q.budgetKind}
						and side = 'expenditure' and func_code like ${`${code}%`}) as plan,
					(select coalesce(sum(${planAsOf(q.asOf)}), 0.00)::text from plan_line where year = ${q.year} and budget_kind = ${q.budgetKind}
						and side = 'expenditure' and length(func_code) < ${code.length} and ${code} like func_code || '%') as covering,
					(select coalesce(sum(amount), 0.00)::text from ${rollupAsOf('func', q, sql`func_code like ${`${code}%`}`)} r) as executed,
					(select coalesce(sum(payment_count), 0)::int from ${rollupAsOf('func', q, sql`func_code like ${`${code}%`}`)} r) as payments`
			),
			departmentsOnCode(tx, q, code),
			feedFreshness(tx, 'payment')
		]);
		const nameOf = (c: string): CodeNode => {
			const n = names.find((x) => x.code === c);
			return { code: c, name: n?.name ?? null, nameEn: n?.name_en ?? null };
		};
		const t = totals[0];
		return {
			...q,
			seq,
			...figures(t.initial_plan, t.plan, t.executed, t.payments, tp),
			node: nameOf(code),
			ancestors: ancestorsCodes.map(nameOf),
			children,
			departments,
			coveringPlan: t.covering,
			feed
		};
	});
}

async function departmentsOnCode(
	ex: Executor,
	q: ExecutionQuery,
	code: string
): Promise<DepartmentOnCode[]> {
	const prefix = `${code}%`;
	const found = await rows<{
		code: string;
		name: string | null;
		initial_plan: string;
		plan: string;
		executed: string;
		payments: number;
	}>(
		ex,
		sql`with p as (
			select dept_code as code, sum(initial_amount) as initial_plan, sum(${planAsOf(q.asOf)}) as plan from plan_line
			where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure' and func_code like ${prefix}
			group by 1
		), e as (
			select dept_code as code, sum(amount) as executed, sum(payment_count) as payments
			from ${rollupAsOf('deptFunc', q, sql`func_code like ${prefix}`)} r group by 1
		)
		select coalesce(p.code, e.code) as code, u.name, coalesce(p.initial_plan, 0.00)::text as initial_plan,
			coalesce(p.plan, 0.00)::text as plan, coalesce(e.executed, 0.00)::text as executed, coalesce(e.payments, 0)::int as payments
		from p full join e on p.code = e.code
		left join budget_unit u on u.code = coalesce(p.code, e.code)
		order by coalesce(e.executed, 0) desc, 1`
	);
	const tp = progressOf(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
	}));
}

/**
 * The next level under a function code ('' = the 类): plan lines and execution summed by the child
 * code. Plan lines and payments that sit exactly at `code` (not broken down further) come back as a
 * row with the code itself, so the rows always add up to the parent.
 */
async function codeChildren(ex: Executor, q: ExecutionQuery, code: string): Promise<CodeRow[]> {
	const len = code.length === 0 ? 3 : code.length + 2;
	const prefix = `${code}%`;
	const found = await rows<{
		code: string;
		name: string | null;
		name_en: string | null;
		initial_plan: string;
		plan: string;
		executed: string;
		payments: number;
	}>(
		ex,
		sql`with p as (
			select left(func_code, ${len}) as code, sum(initial_amount) as initial_plan, sum(${planAsOf(q.asOf)}) as plan
			from plan_line
			where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure' and func_code like ${prefix}
			  and length(func_code) >= ${code.length}
			group by 1
		), e as (
			select left(func_code, ${len}) as code, sum(amount) as executed, sum(payment_count) as payments
			from ${rollupAsOf('func', q, sql`func_code like ${prefix}`)} r
			group by 1
		)
		select coalesce(p.code, e.code) as code, c.name, c.name_en,
			coalesce(p.initial_plan, 0.00)::text as initial_plan, coalesce(p.plan, 0.00)::text as plan,
			coalesce(e.executed, 0.00)::text as executed, coalesce(e.payments, 0)::int as payments
		from p full join e on p.code = e.code
		left join classification_code c on c.scheme = 'function' and c.code = coalesce(p.code, e.code)
		order by coalesce(p.plan, 0) desc, 1`
	);
	const tp = progressOf(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		nameEn: r.name_en,
		...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
	}));
}
