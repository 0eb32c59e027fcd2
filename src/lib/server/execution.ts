// Budget execution figures: the overview and the function-class drill-down (类 → 款 → 项), for a
// year, budget kind and as-of date, each read in one snapshot with the live sequence it includes.
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../db/client';
import { codeLevel, parentCode } from '../domain/codes';
import { timeProgress, type FiscalDate } from '../domain/fiscal';
import { ratio, yuanToFen } from '../domain/money';
import { gapPoints, paceLevel, sameDayLastYear, type PaceLevel } from '../domain/period';
import type { BudgetKind } from '../domain/budget-kinds';
import { NOTABLE_PAYMENT_YUAN, type PaymentRow } from './ledger/queries';
import * as ledger from './ledger/queries';
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
export function figures(
	initialPlan: string,
	plan: string,
	executed: string,
	payments: number,
	tp: string
): Figures {
	const rate = ratio(yuanToFen(executed), yuanToFen(plan));
	const gap = gapPoints(tp, rate);
	return {
		initialPlan,
		plan,
		executed,
		payments,
		rate,
		timeProgress: tp,
		gap,
		level: paceLevel(gap)
	};
}

/** The overview's figures, read in one snapshot together with the live sequence they include. */
export async function overview(
	q: ExecutionQuery,
	options: { personalPayees?: boolean } = {}
): Promise<Overview> {
	return snapshot(async (tx, seq) => {
		const tp = timeProgress(q.asOf, q.year);
		// Few round trips: every plan sum in one pass over the plan lines, every execution sum in one
		// pass over the rollup, then the curve's days, revenue, the ticker and the feed.
		const [plans, executed, days, rev, notable, feed] = await Promise.all([
			overviewPlans(tx, q),
			overviewExecution(tx, q),
			curveDays(tx, q),
			revenue.summary(tx, q),
			ledger.notablePayments(tx, q, 8, options.personalPayees ?? false),
			feedFreshness(tx, 'payment')
		]);
		const planOf = (kind: string, key: string, year = q.year) =>
			plans.find((r) => r.year === year && r.kind === kind && r.key === key);
		const execOf = (kind: string, key: string) =>
			executed.find((r) => r.kind === kind && r.key === key);
		const total = planOf('city', '');
		const city = execOf('city', '');
		const keysOf = (kind: 'class' | 'dept') => [
			...new Set([
				...plans.filter((r) => r.year === q.year && r.kind === kind).map((r) => r.key),
				...executed.filter((r) => r.kind === kind).map((r) => r.key)
			])
		];
		const rowFor = (kind: 'class' | 'dept', key: string) => {
			const pl = planOf(kind, key);
			const ex = execOf(kind, key);
			return {
				code: key,
				name: pl?.name ?? ex?.name ?? null,
				nameEn: pl?.name_en ?? ex?.name_en ?? null,
				...figures(
					pl?.initial_plan ?? '0.00',
					pl?.plan ?? '0.00',
					ex?.executed ?? '0.00',
					ex?.payments ?? 0,
					tp
				)
			};
		};
		const byClass = keysOf('class')
			.map((code) => rowFor('class', code))
			.sort(
				(a, b) => Number(yuanToFen(b.plan) - yuanToFen(a.plan)) || a.code.localeCompare(b.code)
			);
		const departments = keysOf('dept')
			.map((code) => {
				const { nameEn: _en, ...row } = rowFor('dept', code);
				return row;
			})
			.sort(byGap);
		return {
			...q,
			seq,
			...figures(
				total?.initial_plan ?? '0.00',
				total?.plan ?? '0.00',
				city?.executed ?? '0.00',
				city?.payments ?? 0,
				tp
			),
			adjusted: total?.adjusted ?? false,
			byClass,
			departments,
			curve: {
				year: q.year,
				plan: total?.plan ?? '0.00',
				days: days.filter((d) => d.year === q.year).map(({ date, amount }) => ({ date, amount })),
				lastYear: {
					year: q.year - 1,
					plan: planOf('city', '', q.year - 1)?.plan ?? '0.00',
					days: days
						.filter((d) => d.year === q.year - 1)
						.map(({ date, amount }) => ({ date, amount }))
				}
			},
			revenue: rev,
			notable,
			feed
		};
	});
}

type AggregateRow = {
	kind: 'city' | 'class' | 'dept';
	key: string;
	name: string | null;
	name_en: string | null;
};

/** Plan sums of this year (as of asOf) and last year (as of its end): city, by 类, by department. */
async function overviewPlans(ex: Executor, q: ExecutionQuery) {
	const lastEnd = `${q.year - 1}-12-31`;
	return rows<
		AggregateRow & { year: number; initial_plan: string; plan: string; adjusted: boolean }
	>(
		ex,
		sql`with p as (
			select year, left(func_code, 3) as cls, dept_code, initial_amount,
				${planAsOf(sql`(case when year = ${q.year} then ${q.asOf}::date else ${lastEnd}::date end)`)} as plan,
				(adjusted_amount is not null and (adjusted_on is null or adjusted_on <= ${q.asOf}::date)) as adjusted
			from plan_line
			where year in (${q.year}, ${q.year - 1}) and budget_kind = ${q.budgetKind} and side = 'expenditure'
		), g as (
			select year::int as year,
				case when grouping(cls) = 0 then 'class' when grouping(dept_code) = 0 then 'dept' else 'city' end as kind,
				coalesce(cls, dept_code, '') as key,
				coalesce(sum(initial_amount), 0.00)::text as initial_plan, coalesce(sum(plan), 0.00)::text as plan,
				coalesce(bool_or(adjusted), false) as adjusted
			from p group by grouping sets ((year), (year, cls), (year, dept_code))
		)
		select g.*, coalesce(c.name, u.name) as name, c.name_en
		from g
		left join classification_code c on g.kind = 'class' and c.scheme = 'function' and c.code = g.key
		left join budget_unit u on g.kind = 'dept' and u.code = g.key`
	);
}

/** Execution sums as of asOf from the rollup: city, by 类, by department. */
async function overviewExecution(ex: Executor, q: ExecutionQuery) {
	return rows<AggregateRow & { executed: string; payments: number }>(
		ex,
		sql`with r as (
			select level, case level when 'class' then func_code when 'dept' then dept_code else '' end as key,
				sum(amount) as executed, sum(payment_count) as payments
			from (select * from ${rollupAsOf('city', q)} a union all select * from ${rollupAsOf('class', q)} b
				union all select * from ${rollupAsOf('dept', q)} c) x
			group by 1, 2
		)
		select r.level as kind, r.key, r.executed::text as executed,
			r.payments::int as payments, coalesce(c.name, u.name) as name, c.name_en
		from r
		left join classification_code c on r.level = 'class' and c.scheme = 'function' and c.code = r.key
		left join budget_unit u on r.level = 'dept' and u.code = r.key`
	);
}

/** Daily execution of this year through asOf and of all last year (the curve). */
async function curveDays(ex: Executor, q: ExecutionQuery) {
	return rows<{ year: number; date: string; amount: string }>(
		ex,
		sql`select extract(year from period)::int as year, period::text as date, amount::text as amount
		from execution_rollup
		where level = 'city' and budget_kind = ${q.budgetKind} and grain = 'd'
		  and period >= ${`${q.year - 1}-01-01`}::date and period <= ${q.asOf}::date
		order by period`
	);
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
	const tp = timeProgress(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		nameEn: r.name_en,
		...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
	}));
}

/** Every department with plan and execution, ranked by how far it lags time progress. */
export async function departmentRanking(
	ex: Executor,
	q: ExecutionQuery
): Promise<DepartmentRank[]> {
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
	return found
		.map((r) => ({
			code: r.code,
			name: r.name,
			...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
		}))
		.sort(byGap);
}

/** Largest lag first; subjects without a plan (no rate) last, by amount spent. */
export function byGap(a: Figures & { code: string }, b: Figures & { code: string }): number {
	if (a.gap === null || b.gap === null) {
		if (a.gap !== b.gap) return a.gap === null ? 1 : -1;
		return Number(yuanToFen(b.executed) - yuanToFen(a.executed)) || a.code.localeCompare(b.code);
	}
	return Number(b.gap) - Number(a.gap) || a.code.localeCompare(b.code);
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
	const tp = timeProgress(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		...figures(r.initial_plan, r.plan, r.executed, r.payments, tp)
	}));
}

/** The same date last year (for year-on-year comparisons). */
export const lastYearAsOf = (q: ExecutionQuery): ExecutionQuery => ({
	...q,
	year: q.year - 1,
	asOf: sameDayLastYear(q.asOf)
});

export { NOTABLE_PAYMENT_YUAN };
