// Reads what the revenue rule judges: each revenue subject's plan and collections from revenue_daily.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { RevenueLine, RevenueWindow } from '../../../domain/alerts/judges/revenue';
import { yuanToFen } from '../../../domain/money';
import { planAsOf } from '../../rollup-read';

/** Revenue plan lines with a subject, summed per budget kind and subject, with collections under its code. */
export async function loadRevenueLines(
	ex: Executor,
	year: number,
	window: RevenueWindow
): Promise<RevenueLine[]> {
	const collected = (
		from: string,
		to: string
	) => sql`(select sum(r.amount) from revenue_daily r where r.budget_kind = p.budget_kind
		and r.subject_code like p.subject_code || '%' and r.fiscal_date >= ${from}::date and r.fiscal_date <= ${to}::date)::text`;
	const lines = await rows<{
		budget_kind: string;
		subject_code: string;
		plan: string;
		collected: string | null;
		last_year: string | null;
	}>(
		ex,
		sql`select p.budget_kind, p.subject_code, sum(${planAsOf(window.through, sql`p`)})::text as plan,
				${collected(`${year}-01-01`, window.through)} as collected, ${collected(`${year - 1}-01-01`, window.lastThrough)} as last_year
			from plan_line p where p.year = ${year} and p.side = 'revenue' and p.subject_code <> ''
			group by p.budget_kind, p.subject_code`
	);
	return lines.map((l) => ({
		budgetKind: l.budget_kind,
		subjectCode: l.subject_code,
		plan: yuanToFen(l.plan),
		collected: yuanToFen(l.collected),
		lastYear: l.last_year === null ? null : yuanToFen(l.last_year)
	}));
}

/** The newest fiscal date with collections in the year: the data's as-of, not the wall clock. */
export async function loadRevenueAsOf(ex: Executor, year: number): Promise<string | null> {
	const [asOf] = await rows<{ d: string | null }>(
		ex,
		sql`select max(fiscal_date)::text as d from revenue_daily where fiscal_date <= ${`${year}-12-31`}::date and fiscal_date >= ${`${year}-01-01`}::date`
	);
	return asOf.d;
}
