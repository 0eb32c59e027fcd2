// Reading the execution rollup as of a date, and plan amounts as they stood on a date.
import { sql, type SQL } from 'drizzle-orm';
import { rangeWindow } from '../domain/period';
import type { FiscalDate } from '../domain/calendar';
import { FINE_LEVELS } from './ingest/execution-rollup';

export type RollupLevel = 'city' | 'class' | 'func' | 'dept' | 'line' | 'unit' | 'deptFunc';
const LEVELS: readonly RollupLevel[] = [
	'city',
	'class',
	'func',
	'dept',
	'line',
	'unit',
	'deptFunc'
];

export interface Scope {
	budgetKind: string;
	asOf: FiscalDate;
}

/**
 * Rollup rows of `level` that sum to "1 January through asOf": month rows of the whole months
 * before, day rows of the last partial month. `where` narrows further (a department, a code prefix).
 */
export function rollupAsOf(level: RollupLevel, scope: Scope, where?: SQL): SQL {
	return rollupBetween(
		level,
		scope.budgetKind,
		`${scope.asOf.slice(0, 4)}-01-01`,
		scope.asOf,
		where
	);
}

/**
 * Rollup rows of `level` that sum to the fiscal dates from–to (one year): whole months and edge days.
 * Each part is its own range (UNION ALL, not OR) so it is an exact index range; the city-wide levels
 * are then read from the covering index alone (execution_rollup_cover). The fine levels have month
 * rows only for sealed months: a whole month not yet sealed (the newest) is read from its day rows.
 * `budgetKind` null reads every budget.
 */
export function rollupBetween(
	level: RollupLevel,
	budgetKind: string | null,
	from: FiscalDate,
	to: FiscalDate,
	where?: SQL
): SQL {
	if (!LEVELS.includes(level)) throw new Error(`unknown rollup level ${level}`);
	const w = rangeWindow(from, to);
	// The level is a literal, not a parameter, so the planner can use the partial covering index.
	const base = sql`select ${COLUMNS} from execution_rollup
		where level = ${sql.raw(`'${level}'`)}${budgetKind === null ? sql`` : sql` and budget_kind = ${budgetKind}`}${where ? sql` and ${where}` : sql``}`;
	const parts: SQL[] = [];
	if (w.months) {
		const [start, end] = w.months;
		parts.push(sql`${base} and grain = 'm' and period >= ${start}::date and period < ${end}::date`);
		if ((FINE_LEVELS as readonly string[]).includes(level))
			parts.push(sql`select r.* from ${openMonths(start, end)} o
				cross join lateral (${base} and grain = 'd' and period >= o.open_from and period < o.open_to) r`);
	}
	for (const [a, b] of w.days)
		parts.push(sql`${base} and grain = 'd' and period >= ${a}::date and period <= ${b}::date`);
	return sql`(${sql.join(parts, sql` union all `)})`;
}

/** The months from `start` up to (excluding) `end` that are not sealed, as day ranges [open_from, open_to). */
function openMonths(start: FiscalDate, end: FiscalDate): SQL {
	return sql`(select m::date as open_from, (m + interval '1 month')::date as open_to
		from generate_series(${start}::date::timestamp, ${end}::date::timestamp - interval '1 month', interval '1 month') as m
		where m::date not in (select month from rollup_sealed_month))`;
}

const COLUMNS = sql.raw(
	'level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code, amount, payment_count'
);

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
