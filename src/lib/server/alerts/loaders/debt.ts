// Reads the debt records the 债务率 and debt-service rules judge, and the year's spending on 232 lines.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { DebtServiceSpending } from '../../../domain/alerts/judges/debt';
import type { DebtRow } from '../../../domain/debt';
import type { FiscalDate } from '../../../domain/calendar';
import { rollupBetween } from '../../rollup-read';

/** Every debt record, amounts as decimal strings in 元. */
export async function loadDebtRows(ex: Executor): Promise<DebtRow[]> {
	return rows<DebtRow>(
		ex,
		sql`select period, debt_type as "debtType", debt_limit::text as "limit", balance::text as balance,
				issued::text as issued, refinanced::text as refinanced, principal_repaid::text as "principalRepaid",
				interest_paid::text as "interestPaid", principal_due::text as "principalDue",
				interest_due::text as "interestDue", capacity::text as capacity
			from debt_record order by period, debt_type`
	);
}

/**
 * Interest the repayment schedule made due from January through the month of `asOf`, and what was
 * spent on function class 232 (债务付息支出) in every budget meanwhile; null when the year has no
 * monthly debt records (no schedule to judge against).
 */
export async function loadDebtService(
	ex: Executor,
	year: number,
	asOf: FiscalDate
): Promise<DebtServiceSpending | null> {
	const month = Number(asOf.slice(5, 7));
	const [due] = await rows<{ n: number; due: string }>(
		ex,
		sql`select count(*)::int as n, coalesce(sum(interest_due), 0)::text as due from debt_record
			where year = ${year} and month is not null and month <= ${month}`
	);
	if (due.n === 0) return null;
	const [spent] = await rows<{ spent: string }>(
		ex,
		sql`select coalesce(sum(amount), 0)::text as spent
			from ${rollupBetween('class', null, `${year}-01-01`, asOf, sql`func_code = '232'`)} r`
	);
	return { year, interestDue: due.due, interestSpent: spent.spent };
}
