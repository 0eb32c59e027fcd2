// Budget execution figures for a year, budget kind and as-of date: the figures every drill-down page
// shares (plan against execution of one subject, the department ranking) and the overview, read in
// one snapshot with the live sequence it includes. The function-class drill-down is functions.ts, the
// department drill-down departments/.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import type { FiscalDate } from '../domain/calendar';
import { exactGap, progressOf, type Progress } from '../domain/gap';
import { ratio, yuanToFen } from '../domain/money';
import { paceLevel, sameDayLastYear, type PaceLevel } from '../domain/period';
import type { BudgetKind } from '../domain/budget-kinds';
import { NOTABLE_PAYMENT_YUAN, type PaymentRow } from './ledger/queries';
import * as ledger from './ledger/queries';
import type { Viewer } from './privacy';
import * as revenue from './revenue';
import { planAsOf, rollupAsOf } from './rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export { feedFreshness, snapshot, type FeedFreshness };

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

export type ClassExecution = CodeRow;

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
	tp: Progress
): Figures {
	const rate = ratio(yuanToFen(executed), yuanToFen(plan));
	const gap = exactGap(tp, yuanToFen(executed), yuanToFen(plan));
	return {
		initialPlan,
		plan,
		executed,
		payments,
		rate,
		timeProgress: tp.text,
		gap,
		level: paceLevel(gap)
	};
}

/**
 * The overview's figures, read in one snapshot together with the live sequence they include; the
 * ticker of large payments as `ticker` may see them (privacy rule), or none when null.
 */
export async function overview(q: ExecutionQuery, ticker: Viewer | null): Promise<Overview> {
	return snapshot(async (tx, seq) => {
		const tp = progressOf(q.asOf, q.year);
		// Few round trips: every plan sum in one pass over the plan lines, every execution sum in one
		// pass over the rollup, then the curve's days, revenue, the ticker and the feed.
		const [plans, executed, days, rev, notable, feed] = await Promise.all([
			overviewPlans(tx, q),
			overviewExecution(tx, q),
			curveDays(tx, q),
			revenue.summary(tx, q),
			ticker === null ? [] : ledger.notablePayments(tx, q, 8, ticker),
			feedFreshness(tx, 'payment')
		]);
		const sums = new OverviewSums(q, plans, executed, tp);
		const total = sums.planOf('city', '');
		const city = sums.execOf('city', '');
		const dayAmounts = (year: number) =>
			days.filter((d) => d.year === year).map(({ date, amount }) => ({ date, amount }));
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
			byClass: sums.byClass(),
			departments: sums.departments(),
			curve: {
				year: q.year,
				plan: total?.plan ?? '0.00',
				days: dayAmounts(q.year),
				lastYear: {
					year: q.year - 1,
					plan: sums.planOf('city', '', q.year - 1)?.plan ?? '0.00',
					days: dayAmounts(q.year - 1)
				}
			},
			revenue: rev,
			notable,
			feed
		};
	});
}

type AggregateKind = 'city' | 'class' | 'dept';
type PlanSum = Awaited<ReturnType<typeof overviewPlans>>[number];
type ExecutionSum = Awaited<ReturnType<typeof overviewExecution>>[number];

/** The overview's plan and execution sums, looked up by level and key, and its rows by 类 and department. */
class OverviewSums {
	constructor(
		private q: ExecutionQuery,
		private plans: PlanSum[],
		private executed: ExecutionSum[],
		private tp: Progress
	) {}

	planOf(kind: AggregateKind, key: string, year = this.q.year) {
		return this.plans.find((r) => r.year === year && r.kind === kind && r.key === key);
	}

	execOf(kind: AggregateKind, key: string) {
		return this.executed.find((r) => r.kind === kind && r.key === key);
	}

	/** Rows by 类, largest plan first. */
	byClass(): ClassExecution[] {
		return this.keysOf('class')
			.map((code) => this.rowFor('class', code))
			.sort(
				(a, b) => Number(yuanToFen(b.plan) - yuanToFen(a.plan)) || a.code.localeCompare(b.code)
			);
	}

	/** Rows by department, largest lag first. */
	departments(): DepartmentRank[] {
		return this.keysOf('dept')
			.map((code) => {
				const { nameEn: _en, ...row } = this.rowFor('dept', code);
				return row;
			})
			.sort(byGap);
	}

	/** Every key with a plan this year or any execution. */
	private keysOf(kind: 'class' | 'dept'): string[] {
		return [
			...new Set([
				...this.plans.filter((r) => r.year === this.q.year && r.kind === kind).map((r) => r.key),
				...this.executed.filter((r) => r.kind === kind).map((r) => r.key)
			])
		];
	}

	private rowFor(kind: 'class' | 'dept', key: string): CodeRow {
		const pl = this.planOf(kind, key);
		const ex = this.execOf(kind, key);
		return {
			code: key,
			name: pl?.name ?? ex?.name ?? null,
			nameEn: pl?.name_en ?? ex?.name_en ?? null,
			...figures(
				pl?.initial_plan ?? '0.00',
				pl?.plan ?? '0.00',
				ex?.executed ?? '0.00',
				ex?.payments ?? 0,
				this.tp
			)
		};
	}
}

type AggregateRow = {
	kind: AggregateKind;
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
	const tp = progressOf(q.asOf, q.year);
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

/** The same date last year (for year-on-year comparisons). */
export const lastYearAsOf = (q: ExecutionQuery): ExecutionQuery => ({
	...q,
	year: q.year - 1,
	asOf: sameDayLastYear(q.asOf)
});

export { NOTABLE_PAYMENT_YUAN };
