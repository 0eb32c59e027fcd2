// Budget execution figures: the overview and the function-class drill-down (类 → 款 → 项), for a
// year, budget kind and as-of date, each read in one snapshot with the live sequence it includes.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import { codeLevel, parentCode } from '../domain/codes';
import { timeProgress, type FiscalDate } from '../domain/fiscal';
import { ratio, yuanToFen } from '../domain/money';
import { gapPoints, paceLevel, sameDayLastYear, type PaceLevel } from '../domain/period';
import type { BudgetKind } from '../domain/records';
import { NOTABLE_PAYMENT_YUAN, type PaymentRow } from './ledger';
import * as ledger from './ledger';
import * as revenue from './revenue';
import { planAsOf, rollupAsOf } from './rollup-read';
import { feedFreshness, latestSeq, snapshot, type FeedFreshness } from './snapshot';

export { feedFreshness, latestSeq, snapshot, type FeedFreshness };

export interface ExecutionQuery {
	year: number;
	budgetKind: BudgetKind;
	/** Figures as of the end of this fiscal date. */
	asOf: FiscalDate;
}

/** Plan against execution of one subject (the city, a code, a department, a unit, a project). */
export interface Figures {
	/** Decimal strings in 元. */
	initialPlan: string;
	plan: string;
	executed: string;
	payments: number;
	/** Fractions with four decimals; null without a plan. */
	rate: string | null;
	timeProgress: string;
	/** Time progress minus rate, percentage points. */
	gap: string | null;
	level: PaceLevel;
}

export interface CodeRow extends Figures {
	code: string;
	name: string | null;
	nameEn: string | null;
}

export interface ClassExecution extends CodeRow {}

export interface DailyAmount {
	date: FiscalDate;
	amount: string;
}

export interface Curve {
	year: number;
	plan: string;
	days: DailyAmount[];
	lastYear: { year: number; plan: string; days: DailyAmount[] };
}

export interface DepartmentRank extends Figures {
	code: string;
	name: string | null;
}

export interface Overview extends ExecutionQuery, Figures {
	/** Live sequence the figures include; events after it are not yet in them. */
	seq: number;
	adjusted: boolean;
	byClass: ClassExecution[];
	departments: DepartmentRank[];
	curve: Curve;
	revenue: revenue.RevenueSummary;
	notable: PaymentRow[];
	feed: FeedFreshness;
}

/** Builds figures from exact amounts; the gap is coloured with the default pace thresholds. */
export function figures(initialPlan: string, plan: string, executed: string, payments: number, tp: string): Figures {
	const rate = ratio(yuanToFen(executed), yuanToFen(plan));
	const gap = gapPoints(tp, rate);
	return { initialPlan, plan, executed, payments, rate, timeProgress: tp, gap, level: paceLevel(gap) };
}

/** The overview's figures, read in one snapshot together with the live sequence they include. */
export async function overview(q: ExecutionQuery, options: { personalPayees?: boolean } = {}): Promise<Overview> {
	return snapshot(async (tx, seq) => {
		const tp = timeProgress(q.asOf, q.year);
		const [totals, byClass, departments, curve, rev, notable, feed] = await Promise.all([
			cityTotals(tx, q),
			codeChildren(tx, q, ''),
			departmentRanking(tx, q),
			cityCurve(tx, q),
			revenue.summary(tx, q),
			ledger.notablePayments(tx, q, 8, options.personalPayees ?? false),
			feedFreshness(tx, 'payment')
		]);
		return {
			...q,
			seq,
			...figures(totals.initialPlan, totals.plan, totals.executed, totals.payments, tp),
			adjusted: totals.adjusted,
			byClass: byClass.filter((c) => c.code.length === 3),
			departments,
			curve,
			revenue: rev,
			notable,
			feed
		};
	});
}

async function cityTotals(ex: Executor, q: ExecutionQuery) {
	const [r] = await rows<{ initial_plan: string; plan: string; adjusted: boolean; executed: string; payments: number }>(
		ex,
		sql`select
			(select coalesce(sum(initial_amount), 0.00)::text from plan_line
				where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as initial_plan,
			(select coalesce(sum(${planAsOf(q.asOf)}), 0.00)::text from plan_line
				where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as plan,
			(select coalesce(bool_or(adjusted_amount is not null and (adjusted_on is null or adjusted_on <= ${q.asOf}::date)), false)
				from plan_line where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as adjusted,
			(select coalesce(sum(amount), 0.00)::text from ${rollupAsOf('city', q)} r) as executed,
			(select coalesce(sum(payment_count), 0)::int from ${rollupAsOf('city', q)} r) as payments`
	);
	return { initialPlan: r.initial_plan, plan: r.plan, adjusted: r.adjusted, executed: r.executed, payments: r.payments };
}

/**
 * The next level under a function code ('' = the 类): plan lines and execution summed by the child
 * code. Plan lines and payments that sit exactly at `code` (not broken down further) come back as a
 * row with the code itself, so the rows always add up to the parent.
 */
async function codeChildren(ex: Executor, q: ExecutionQuery, code: string): Promise<CodeRow[]> {
	const len = code.length === 0 ? 3 : code.length + 2;
	const prefix = `${code}%`;
	const found = await rows<{ code: string; name: string | null; name_en: string | null; initial_plan: string; plan: string; executed: string; payments: number }>(
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
	const tp = timeProgress(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		nameEn: r.name_en,
		...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
	}));
}

/** Every department with plan and execution, ranked by how far it lags time progress. */
export async function departmentRanking(ex: Executor, q: ExecutionQuery): Promise<DepartmentRank[]> {
	const found = await rows<{ code: string; name: string | null; initial_plan: string; plan: string; executed: string; payments: number }>(
		ex,
		sql`with p as (
			select dept_code as code, sum(initial_amount) as initial_plan, sum(${planAsOf(q.asOf)}) as plan from plan_line
			where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure' group by 1
		), e as (
			select dept_code as code, sum(amount) as executed, sum(payment_count) as payments
			from ${rollupAsOf('dept', q)} r group by 1
		)
		select coalesce(p.code, e.code) as code, u.name, coalesce(p.initial_plan, 0.00)::text as initial_plan,
			coalesce(p.plan, 0.00)::text as plan, coalesce(e.executed, 0.00)::text as executed, coalesce(e.payments, 0)::int as payments
		from p full join e on p.code = e.code
		left join budget_unit u on u.code = coalesce(p.code, e.code)`
	);
	const tp = timeProgress(q.asOf, q.year);
	return found.map((r) => ({ code: r.code, name: r.name, ...figures(r.initial_plan, r.plan, r.executed, r.payments, tp) })).sort(byGap);
}

/** Largest lag first; subjects without a plan (no rate) last, by amount spent. */
export function byGap(a: Figures & { code: string }, b: Figures & { code: string }): number {
	if (a.gap === null || b.gap === null) {
		if (a.gap !== b.gap) return a.gap === null ? 1 : -1;
		return Number(yuanToFen(b.executed) - yuanToFen(a.executed)) || a.code.localeCompare(b.code);
	}
	return Number(b.gap) - Number(a.gap) || a.code.localeCompare(b.code);
}

/** Daily execution of this year through asOf and of last year, with both years' plans, for the curve. */
async function cityCurve(ex: Executor, q: ExecutionQuery): Promise<Curve> {
	const last = q.year - 1;
	const [days, plans] = await Promise.all([
		rows<{ year: number; date: string; amount: string }>(
			ex,
			sql`select extract(year from period)::int as year, period::text as date, amount::text as amount
			from execution_rollup
			where level = 'city' and budget_kind = ${q.budgetKind} and grain = 'd'
			  and ((period >= ${`${q.year}-01-01`}::date and period <= ${q.asOf}::date)
			    or (period >= ${`${last}-01-01`}::date and period <= ${`${last}-12-31`}::date))
			order by period`
		),
		rows<{ this_year: string; last_year: string }>(
			ex,
			sql`select
				(select coalesce(sum(${planAsOf(q.asOf)}), 0.00)::text from plan_line
					where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as this_year,
				(select coalesce(sum(${planAsOf(`${last}-12-31`)}), 0.00)::text from plan_line
					where year = ${last} and budget_kind = ${q.budgetKind} and side = 'expenditure') as last_year`
		)
	]);
	return {
		year: q.year,
		plan: plans[0].this_year,
		days: days.filter((d) => d.year === q.year).map(({ date, amount }) => ({ date, amount })),
		lastYear: { year: last, plan: plans[0].last_year, days: days.filter((d) => d.year === last).map(({ date, amount }) => ({ date, amount })) }
	};
}

// ---- function-class drill-down ----

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
		const tp = timeProgress(q.asOf, q.year);
		const ancestorsCodes: string[] = [];
		for (let c = parentCode(code); c; c = parentCode(c)) ancestorsCodes.unshift(c);
		const [names, children, totals, departments, feed] = await Promise.all([
			rows<{ code: string; name: string; name_en: string | null }>(
				tx,
				sql`select code, name, name_en from classification_code where scheme = 'function'
					and code in (select jsonb_array_elements_text(${JSON.stringify([...ancestorsCodes, code])}::jsonb))`
			),
			codeLevel(code) === 'item' ? Promise.resolve([]) : codeChildren(tx, q, code),
			rows<{ initial_plan: string; plan: string; covering: string; executed: string; payments: number }>(
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

async function departmentsOnCode(ex: Executor, q: ExecutionQuery, code: string): Promise<DepartmentOnCode[]> {
	const prefix = `${code}%`;
	const found = await rows<{ code: string; name: string | null; initial_plan: string; plan: string; executed: string; payments: number }>(
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
	const tp = timeProgress(q.asOf, q.year);
	return found.map((r) => ({ code: r.code, name: r.name, ...figures(r.initial_plan, r.plan, r.executed, r.payments, tp) }));
}

/** The same date last year (for year-on-year comparisons). */
export const lastYearAsOf = (q: ExecutionQuery): ExecutionQuery => ({ ...q, year: q.year - 1, asOf: sameDayLastYear(q.asOf) });

export { NOTABLE_PAYMENT_YUAN };
