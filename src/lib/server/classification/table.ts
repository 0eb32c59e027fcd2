// The staff page's reads: a year's classification table (each code's entry in effect) and the
// codes that arrived in data of that year but are not in it, with how much data carries them.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { CodeScheme } from '../../domain/codes';

export interface TableEntry {
	scheme: CodeScheme;
	code: string;
	name: string;
	nameEn: string | null;
	/** The year the entry in effect was given for (the shipped table's is the baseline year). */
	fromYear: number;
	source: 'reference' | 'loaded';
}

/** Each code's entry with the latest year not after `year`, by scheme and code. */
export async function yearTable(ex: Executor, year: number): Promise<TableEntry[]> {
	return rows<TableEntry>(
		ex,
		sql`select distinct on (scheme, code) scheme, code, name, name_en as "nameEn", year as "fromYear", source
			from classification_entry where year <= ${year}
			order by scheme, code, year desc`
	);
}

export interface UnlistedCode {
	scheme: CodeScheme;
	code: string;
	/** Where it was seen: payments, revenue or plan lines. */
	seenIn: 'payment' | 'revenue' | 'plan';
	records: number;
	/** Decimal string in 元. */
	amount: string;
}

/**
 * Codes carried by the year's payments (function and economic), revenue (subject) and plan lines
 * that the year's table does not hold, with their record counts and amounts (plans: lines, planned).
 */
export async function unlistedCodes(ex: Executor, year: number): Promise<UnlistedCode[]> {
	const from = `${year}-01-01`;
	const to = `${year + 1}-01-01`;
	return rows<UnlistedCode>(
		ex,
		sql`with known as (
				select distinct scheme, code from classification_entry where year <= ${year}
			), seen as (
				select 'function' as scheme, func_code as code, 'payment' as seen_in,
					sum(payment_count)::bigint as records, sum(amount) as amount
				from execution_rollup where level = 'func' and grain = 'd'
					and period >= ${from}::date and period < ${to}::date
				group by func_code
				union all
				select case when econ_code like '5%' then 'govEconomic' else 'economic' end, econ_code, 'payment',
					sum(payment_count)::bigint, sum(amount)
				from execution_rollup where level = 'line' and grain = 'd'
					and period >= ${from}::date and period < ${to}::date
				group by econ_code
				union all
				select 'revenue', subject_code, 'revenue', sum(record_count)::bigint, sum(amount)
				from revenue_daily where fiscal_date >= ${from}::date and fiscal_date < ${to}::date
				group by subject_code
				union all
				select s.scheme, s.code, 'plan', count(*), sum(l.available_amount)
				from plan_line l cross join lateral (values ('function', l.func_code), ('economic', l.econ_code),
					('revenue', l.subject_code)) as s(scheme, code)
				where l.year = ${year} and s.code <> ''
				group by s.scheme, s.code
			)
			select s.scheme, s.code, s.seen_in as "seenIn", sum(s.records)::int as records, sum(s.amount)::text as amount
			from seen s
			where s.code <> '' and not exists (select 1 from known k where k.scheme = s.scheme and k.code = s.code)
			group by s.scheme, s.code, s.seen_in
			order by s.scheme, s.code, s.seen_in`
	);
}
