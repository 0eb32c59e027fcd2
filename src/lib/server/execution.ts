// Budget execution figures: plan, executed, rates by function class, for a year, kind and as-of date.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import { timeProgress, type FiscalDate } from '../domain/fiscal';
import { ratio, yuanToFen } from '../domain/money';
import type { BudgetKind } from '../domain/records';
import { db } from './runtime';

export interface ExecutionQuery {
	year: number;
	budgetKind: BudgetKind;
	/** Figures as of the end of this fiscal date. */
	asOf: FiscalDate;
}

export interface ClassExecution {
	code: string;
	name: string | null;
	nameEn: string | null;
	/** Decimal strings in 元. */
	plan: string;
	executed: string;
	rate: string | null;
}

export interface FeedFreshness {
	lastReceivedAt: string | null;
	lastRecordAt: string | null;
}

export interface Overview extends ExecutionQuery {
	/** Live sequence the figures include; events after it are not yet in them. */
	seq: number;
	initialPlan: string;
	plan: string;
	executed: string;
	rate: string | null;
	timeProgress: string;
	byClass: ClassExecution[];
	feed: FeedFreshness;
}

/** The overview's figures, read in one snapshot together with the live sequence they include. */
export async function overview(q: ExecutionQuery): Promise<Overview> {
	return db().transaction(
		async (tx) => {
			const [seq, totals, byClass, feed] = await Promise.all([
				latestSeq(tx),
				planAndExecuted(tx, q),
				executionByClass(tx, q),
				feedFreshness(tx, 'payment')
			]);
			return {
				...q,
				seq,
				...totals,
				rate: ratio(yuanToFen(totals.executed), yuanToFen(totals.plan)),
				timeProgress: timeProgress(q.asOf, q.year),
				byClass,
				feed
			};
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}

export async function latestSeq(ex: Executor): Promise<number> {
	const [r] = await rows<{ seq: number }>(ex, sql`select coalesce(max(seq), 0)::int as seq from live_event`);
	return r.seq;
}

async function planAndExecuted(ex: Executor, q: ExecutionQuery) {
	const [r] = await rows<{ initial_plan: string; plan: string; executed: string }>(
		ex,
		sql`select
			(select coalesce(sum(initial_amount), 0.00)::text from plan_line
				where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as initial_plan,
			(select coalesce(sum(available_amount), 0.00)::text from plan_line
				where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure') as plan,
			(select coalesce(sum(amount), 0.00)::text from execution_daily
				where fiscal_date between ${`${q.year}-01-01`}::date and ${q.asOf}::date
				  and budget_kind = ${q.budgetKind}) as executed`
	);
	return { initialPlan: r.initial_plan, plan: r.plan, executed: r.executed };
}

async function executionByClass(ex: Executor, q: ExecutionQuery): Promise<ClassExecution[]> {
	const found = await rows<{ code: string; name: string | null; name_en: string | null; plan: string; executed: string }>(
		ex,
		sql`with p as (
			select left(func_code, 3) as code, sum(available_amount) as plan from plan_line
			where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'expenditure'
			group by 1
		), e as (
			select left(func_code, 3) as code, sum(amount) as executed from execution_daily
			where fiscal_date between ${`${q.year}-01-01`}::date and ${q.asOf}::date and budget_kind = ${q.budgetKind}
			group by 1
		)
		select coalesce(p.code, e.code) as code, c.name, c.name_en,
			coalesce(p.plan, 0.00)::text as plan, coalesce(e.executed, 0.00)::text as executed
		from p full join e on p.code = e.code
		left join classification_code c on c.scheme = 'function' and c.code = coalesce(p.code, e.code)
		order by coalesce(p.plan, 0) desc, code`
	);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		nameEn: r.name_en,
		plan: r.plan,
		executed: r.executed,
		rate: ratio(yuanToFen(r.executed), yuanToFen(r.plan))
	}));
}

export async function feedFreshness(ex: Executor, source: string): Promise<FeedFreshness> {
	const [r] = await rows<{ last_received_at: string | null; last_record_at: string | null }>(
		ex,
		sql`select to_char(last_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_received_at,
			to_char(last_record_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_record_at
			from feed_status where source = ${source}`
	);
	return { lastReceivedAt: r?.last_received_at ?? null, lastRecordAt: r?.last_record_at ?? null };
}
