// Reading the execution rollup as of a date, and plan amounts as they stood on a date.
import { sql, type SQL } from 'drizzle-orm';
import { asOfWindow } from '../domain/period';
import type { FiscalDate } from '../domain/fiscal';

export type RollupLevel = 'city' | 'func' | 'dept' | 'line' | 'unit' | 'deptFunc';

export interface Scope {
	budgetKind: string;
	asOf: FiscalDate;
}

/**
 * Rollup rows of `level` that sum to "1 January through asOf": month rows of the whole months
 * before, day rows of the last partial month. `where` narrows further (a department, a code prefix).
 */
export function rollupAsOf(level: RollupLevel, scope: Scope, where?: SQL): SQL {
	const w = asOfWindow(scope.asOf);
	const days = w.dayFrom
		? sql` or (grain = 'd' and period >= ${w.dayFrom}::date and period <= ${w.asOf}::date)`
		: sql``;
	return sql`(select * from execution_rollup
		where level = ${level} and budget_kind = ${scope.budgetKind}${where ? sql` and ${where}` : sql``}
		  and ((grain = 'm' and period >= ${w.yearStart}::date and period < ${w.monthsBefore}::date)${days}))`;
}

/**
 * A plan line's available amount on a date: the adjustment once it is in force (or when it has no
 * date), else the initial amount; a line that only an adjustment created counts from its date.
 */
export function planAsOf(asOf: FiscalDate | SQL, table = sql`plan_line`): SQL {
	const date = typeof asOf === 'string' ? sql`${asOf}::date` : asOf;
	return sql`coalesce(case when ${table}.adjusted_amount is not null
		and (${table}.adjusted_on is null or ${table}.adjusted_on <= ${date}) then ${table}.adjusted_amount end,
		${table}.initial_amount, 0)`;
}
