// Revenue figures: collection by revenue class (类 → 款 → 项) against plan and the same period last
// year, as of a date.
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../db/client';
import { parentCode } from '../domain/codes';
import type { FiscalDate } from '../domain/calendar';
import { exactGap, progressOf, type Progress } from '../domain/gap';
import { ratio, yuanToFen } from '../domain/money';
import { paceLevel, sameDayLastYear, type PaceLevel } from '../domain/period';
import type { BudgetKind } from '../domain/budget-kinds';
import { planAsOf } from './rollup-read';
import { db } from './runtime';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export interface RevenueQuery {
	year: number;
	budgetKind: BudgetKind;
	asOf: FiscalDate;
}

export interface RevenueFigures {
	/** Decimal strings in 元. */
	plan: string;
	collected: string;
	/** Collected in the same period last year (1 January to the same day). */
	lastYear: string;
	rate: string | null;
	timeProgress: string;
	gap: string | null;
	level: PaceLevel;
	/** Growth on the same period last year, a fraction ("0.0512" = +5.12%); null without last year. */
	growth: string | null;
	records: number;
}

export interface RevenueRow extends RevenueFigures {
	code: string;
	name: string | null;
	nameEn: string | null;
}

export interface RevenueSummary extends RevenueFigures {
	byClass: RevenueRow[];
}

export interface MonthlyCollection {
	month: number;
	collected: string;
	lastYear: string;
}

export function revenueFigures(
	plan: string,
	collected: string,
	lastYear: string,
	records: number,
	tp: Progress
): RevenueFigures {
	const rate = ratio(yuanToFen(collected), yuanToFen(plan));
	const last = yuanToFen(lastYear);
	const gap = exactGap(tp, yuanToFen(collected), yuanToFen(plan));
	return {
		plan,
		collected,
		lastYear,
		rate,
		timeProgress: tp.text,
		gap,
		level: paceLevel(gap),
		growth: last === 0n ? null : ratio(yuanToFen(collected) - last, last),
		records
	};
}

/** Rows one level below `code` ('' = 类), with a row for the code itself holding what is not broken down. */
export async function children(ex: Executor, q: RevenueQuery, code: string): Promise<RevenueRow[]> {
	const len = code.length === 0 ? 3 : code.length + 2;
	const prefix = `${code}%`;
	const last = sameDayLastYear(q.asOf);
	const found = await rows<{
		code: string;
		name: string | null;
		name_en: string | null;
		plan: string;
		collected: string;
		last_year: string;
		records: number;
	}>(
		ex,
		sql`with p as (
			select left(subject_code, ${len}) as code, sum(${planAsOf(q.asOf)}) as plan from plan_line
			where year = ${q.year} and budget_kind = ${q.budgetKind} and side = 'revenue' and subject_code like ${prefix}
			group by 1
		), c as (
			select left(subject_code, ${len}) as code,
				sum(amount) filter (where fiscal_date >= ${`${q.year}-01-01`}::date) as collected,
				sum(record_count) filter (where fiscal_date >= ${`${q.year}-01-01`}::date) as records,
				sum(amount) filter (where fiscal_date <= ${last}::date) as last_year
			from revenue_daily
			where budget_kind = ${q.budgetKind} and subject_code like ${prefix}
			  and ((fiscal_date between ${`${q.year}-01-01`}::date and ${q.asOf}::date)
			    or (fiscal_date between ${`${q.year - 1}-01-01`}::date and ${last}::date))
			group by 1
		)
		select coalesce(p.code, c.code) as code, n.name, n.name_en, coalesce(p.plan, 0.00)::text as plan,
			coalesce(c.collected, 0.00)::text as collected, coalesce(c.last_year, 0.00)::text as last_year,
			coalesce(c.records, 0)::int as records
		from p full join c on p.code = c.code
		left join classification_code n on n.scheme = 'revenue' and n.code = coalesce(p.code, c.code)
		order by coalesce(p.plan, 0) desc, 1`
	);
	const tp = progressOf(q.asOf, q.year);
	return found.map((r) => ({
		code: r.code,
		name: r.name,
		nameEn: r.name_en,
		...revenueFigures(r.plan, r.collected, r.last_year, r.records, tp)
	}));
}

/** Totals of a set of rows (they add up exactly, so the total is their sum). */
export function total(rowsIn: RevenueRow[], tp: Progress): RevenueFigures {
	const sum = (pick: (r: RevenueRow) => string) =>
		rowsIn.reduce((s, r) => s + yuanToFen(pick(r)), 0n);
	const yuan = (fen: bigint) => {
		const neg = fen < 0n;
		const a = neg ? -fen : fen;
		return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
	};
	return revenueFigures(
		yuan(sum((r) => r.plan)),
		yuan(sum((r) => r.collected)),
		yuan(sum((r) => r.lastYear)),
		rowsIn.reduce((n, r) => n + r.records, 0),
		tp
	);
}

/** The overview's revenue panel: all revenue of the kind against plan, by 类. */
export async function summary(ex: Executor, q: RevenueQuery): Promise<RevenueSummary> {
	const byClass = await children(ex, q, '');
	return { ...total(byClass, progressOf(q.asOf, q.year)), byClass };
}

/** Collection by month this year (through asOf) and last year (whole months), for the chart. */
export async function monthly(
	ex: Executor,
	q: RevenueQuery,
	code: string
): Promise<MonthlyCollection[]> {
	const found = await rows<{ year: number; month: number; amount: string }>(
		ex,
		sql`select extract(year from fiscal_date)::int as year, extract(month from fiscal_date)::int as month, sum(amount)::text as amount
		from revenue_daily
		where budget_kind = ${q.budgetKind} and subject_code like ${`${code}%`}
		  and ((fiscal_date between ${`${q.year}-01-01`}::date and ${q.asOf}::date)
		    or (fiscal_date between ${`${q.year - 1}-01-01`}::date and ${`${q.year - 1}-12-31`}::date))
		group by 1, 2`
	);
	return Array.from({ length: 12 }, (_, i) => ({
		month: i + 1,
		collected: found.find((r) => r.year === q.year && r.month === i + 1)?.amount ?? '0.00',
		lastYear: found.find((r) => r.year === q.year - 1 && r.month === i + 1)?.amount ?? '0.00'
	}));
}

export interface RevenueNode {
	code: string;
	name: string | null;
	nameEn: string | null;
}

/** Names of a revenue code and the codes above it, top first. */
export async function lineage(ex: Executor, code: string): Promise<RevenueNode[]> {
	const codes: string[] = [];
	for (let c: string | null = code; c; c = parentCode(c)) codes.unshift(c);
	const found = await rows<{ code: string; name: string; name_en: string | null }>(
		ex,
		sql`select code, name, name_en from classification_code where scheme = 'revenue'
			and code = ${anyText(codes)}`
	);
	return codes.map((c) => {
		const n = found.find((x) => x.code === c);
		return { code: c, name: n?.name ?? null, nameEn: n?.name_en ?? null };
	});
}

export interface RevenuePage extends RevenueQuery, RevenueFigures {
	seq: number;
	/** The code and those above it, top first; empty on the revenue root. */
	lineage: RevenueNode[];
	children: RevenueRow[];
	months: MonthlyCollection[];
	feed: FeedFreshness;
}

/** A revenue code's page ('' = all revenue): figures, the level below, collection by month. */
export async function revenuePage(q: RevenueQuery, code: string): Promise<RevenuePage> {
	return snapshot(async (tx, seq) => {
		const [rowsBelow, months, names, feed] = await Promise.all([
			children(tx, q, code),
			monthly(tx, q, code),
			code ? lineage(tx, code) : Promise.resolve([]),
			feedFreshness(tx, 'revenue')
		]);
		return {
			...q,
			seq,
			...total(rowsBelow, progressOf(q.asOf, q.year)),
			lineage: names,
			children: rowsBelow,
			months,
			feed
		};
	});
}

export interface CollectionRow {
	id: string;
	collectedAt: string;
	subjectCode: string;
	subjectName: string | null;
	subjectNameEn: string | null;
	amount: string;
}

/** The collections behind a revenue figure: newest first, a page of them, with their count and sum. */
export async function collections(
	q: RevenueQuery,
	code: string,
	limit = 50
): Promise<{ rows: CollectionRow[]; total: number; sum: string }> {
	const where = sql`r.fiscal_year = ${q.year} and r.budget_kind = ${q.budgetKind} and r.fiscal_date <= ${q.asOf}::date
		and r.subject_code like ${`${code}%`}`;
	const [found, [totals]] = await Promise.all([
		rows<{
			id: string;
			collected_at: string;
			subject_code: string;
			subject_name: string | null;
			subject_name_en: string | null;
			amount: string;
		}>(
			db(),
			sql`select r.id, to_char(r.collected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as collected_at,
				r.subject_code, c.name as subject_name, c.name_en as subject_name_en, r.amount::text as amount
			from revenue r left join classification_code c on c.scheme = 'revenue' and c.code = r.subject_code
			where ${where} order by r.fiscal_date desc, r.collected_at desc, r.id desc limit ${limit}`
		),
		rows<{ total: number; sum: string }>(
			db(),
			sql`select count(*)::int as total, coalesce(sum(r.amount), 0.00)::text as sum from revenue r where ${where}`
		)
	]);
	return {
		rows: found.map((r) => ({
			id: r.id,
			collectedAt: r.collected_at,
			subjectCode: r.subject_code,
			subjectName: r.subject_name,
			subjectNameEn: r.subject_name_en,
			amount: r.amount
		})),
		total: totals.total,
		sum: totals.sum
	};
}
