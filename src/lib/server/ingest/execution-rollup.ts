/**
 * The dashboards' read model (table execution_rollup): one grouping-sets upsert that adds payments
 * to every level pages read, by day and by month. Used as one CTE of the payment insert (source =
 * the rows just inserted) and to backfill from the payment table (source = payment).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';

/** The levels with a row per plan-line or unit key: 95 % of the rows. Their month rows exist only for sealed months. */
export const FINE_LEVELS = ['line', 'unit'] as const;
const FINE = sql.raw(FINE_LEVELS.map((l) => `'${l}'`).join(', '));

/**
 * An `insert … on conflict do update` of `source`'s rows (columns fiscal_date, budget_kind,
 * dept_code, agency_code, func_code, econ_code, project_code, amount, payment_count) into
 * execution_rollup; a source row may already sum several payments (ingest pre-aggregates a batch by
 * day and codes). Month rows of the fine levels are written only for sealed months (see
 * sealClosedMonths).
 *
 * `ordered`: the rows go in sorted by the unique key. `fresh`: the source's periods have no rollup
 * rows yet (a month no payment has reached): a plain insert, without the conflict check before
 * each row; should a row exist after all, the insert fails whole.
 */
export function executionRollupUpsert(
	source: SQL,
	options: { ordered?: boolean; fresh?: boolean } = {}
): SQL {
	return rollupRowsInsert(sql`(${executionRollupRows(source)})`, options);
}

/**
 * Every rollup row of `source`'s payments (columns as execution_rollup's, in its insert's order:
 * level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code,
 * amount, payment_count), the fine levels' month rows of every month included: rollupRowsInsert
 * leaves out those of open months. GROUPING() tells the level: a column it aggregates away is 1.
 */
export function executionRollupRows(source: SQL): SQL {
	return sql`select case grouping(s.dept_code, s.agency_code, s.func_code, s.econ_code, s.project_code, left(s.func_code, 3))
				when 63 then 'city' when 62 then 'class' when 55 then 'func' when 31 then 'dept' when 17 then 'line'
				when 13 then 'unit' when 23 then 'deptFunc' end as level,
			s.budget_kind, coalesce(s.dept_code, '') as dept_code, g.grain,
			case g.grain when 'd' then s.fiscal_date else date_trunc('month', s.fiscal_date)::date end as period,
			coalesce(s.func_code, left(s.func_code, 3), '') as func_code, coalesce(s.econ_code, '') as econ_code,
			coalesce(s.agency_code, '') as agency_code, coalesce(s.project_code, '') as project_code,
			sum(s.amount) as amount, sum(s.payment_count)::int as payment_count
		from ${source} s cross join (values ('d'), ('m')) as g(grain)
		group by g.grain, 5, s.budget_kind, grouping sets ((), (left(s.func_code, 3)), (s.func_code), (s.dept_code),
			(s.dept_code, s.func_code, s.econ_code, s.project_code), (s.dept_code, s.agency_code, s.project_code),
			(s.dept_code, s.func_code))`;
}

/** The rollup's unique key, the order rows go in when `ordered`. */
export const ROLLUP_KEY_ORDER = sql.raw(
	'order by level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code'
);

/**
 * Adds computed rollup rows (`rollupRows`: a parenthesised query or a table with executionRollupRows'
 * columns) to execution_rollup, the fine levels' month rows only for sealed months. `ordered` and
 * `fresh` as for executionRollupUpsert.
 */
export function rollupRowsInsert(
	rollupRows: SQL,
	options: { ordered?: boolean; fresh?: boolean } = {}
): SQL {
	return sql`insert into execution_rollup as r (level, budget_kind, dept_code, grain, period, func_code, econ_code,
			agency_code, project_code, amount, payment_count)
		select * from ${rollupRows} x
		where x.grain = 'd' or x.level not in (${FINE}) or x.period in (select month from rollup_sealed_month)
		${options.ordered ? ROLLUP_KEY_ORDER : sql``}
		${options.fresh ? sql`` : ADD_ON_CONFLICT}`;
}

const ADD_ON_CONFLICT = sql.raw(
	`on conflict (level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code)
		do update set amount = r.amount + excluded.amount, payment_count = r.payment_count + excluded.payment_count`
);

/**
 * Seals every month that has payments and is older than the newest month with payments: sums the
 * fine levels' day rows of each into month rows, once. Run after each payment store, in its
 * transaction (under the ingest lock), so that "sealed" is always exactly those months and a reader
 * sees a month either sealed with its month rows or open without them.
 */
export async function sealClosedMonths(ex: Executor): Promise<void> {
	const open = await rows<{ month: string }>(
		ex,
		sql`select distinct period::text as month from execution_rollup
			where level = 'city' and grain = 'm'
				and period < (select max(period) from execution_rollup where level = 'city' and grain = 'm')
				and period not in (select month from rollup_sealed_month)
			order by 1`
	);
	for (const { month } of open) {
		const started = performance.now();
		const [sealed] = await rows<{ n: number }>(ex, sealMonth(month));
		console.log(
			`[qiandai] rollup: ${month.slice(0, 7)} sealed, ${sealed.n} month rows of the line and unit levels in ${Math.round(performance.now() - started)} ms`
		);
	}
}

/** Marks `month` sealed and writes its fine-level month rows from their day rows, department by department (exact index ranges). */
export function sealMonth(month: string): SQL {
	return sql`with sealed as (
			insert into rollup_sealed_month (month) values (${month}::date)
		), ins as (
			insert into execution_rollup (level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code,
				project_code, amount, payment_count)
			select r.level, r.budget_kind, r.dept_code, 'm', ${month}::date, r.func_code, r.econ_code, r.agency_code,
				r.project_code, sum(r.amount), sum(r.payment_count)::int
			from execution_rollup d
			cross join lateral (
				select * from execution_rollup x
				where x.level in (${FINE}) and x.budget_kind = d.budget_kind and x.dept_code = d.dept_code and x.grain = 'd'
					and x.period >= ${month}::date and x.period < (${month}::date + interval '1 month')
			) r
			where d.level = 'dept' and d.grain = 'm' and d.period = ${month}::date
			group by r.level, r.budget_kind, r.dept_code, r.func_code, r.econ_code, r.agency_code, r.project_code
			-- An open month has no such rows; should one exist all the same (written by hand, say), the
			-- day rows win rather than the store failing and ingest stalling on every retry.
			on conflict (level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code)
			do update set amount = excluded.amount, payment_count = excluded.payment_count
			returning 1
		)
		select count(*)::int as n from ins`;
}

/** The payment table as a rollup source: each row one payment. */
export const PAYMENTS_AS_SOURCE = sql`(select fiscal_date, budget_kind, dept_code, agency_code, func_code, econ_code,
	project_code, amount, 1 as payment_count from payment)`;

/**
 * Recomputes the whole rollup from the payments (backfill, or repair after a manual change), then
 * seals the months ingest would have sealed.
 */
export async function rebuildExecutionRollup(ex: Executor): Promise<void> {
	await ex.execute(sql`delete from execution_rollup`);
	await ex.execute(sql`delete from rollup_sealed_month`);
	await ex.execute(executionRollupUpsert(PAYMENTS_AS_SOURCE));
	await sealClosedMonths(ex);
}

/**
 * Storage settings the rollup needs and drizzle cannot declare: its rows are counters updated many
 * times a day, so pages keep room for a row's new version beside the old one (the covering index
 * keeps these updates from being HOT, but the new version still lands on the same page) and
 * autovacuum visits it often. Idempotent; applied at start-up.
 */
export async function tuneExecutionRollupStorage(ex: Executor): Promise<void> {
	const [r] = await rows<{ options: string[] | null }>(
		ex,
		sql`select reloptions as options from pg_class where oid = 'execution_rollup'::regclass`
	);
	if (r.options?.includes('fillfactor=60')) return;
	await ex.execute(sql`alter table execution_rollup set (fillfactor = 60, autovacuum_vacuum_scale_factor = 0.02,
		autovacuum_analyze_scale_factor = 0.02)`);
}

/**
 * A database whose payments predate the rollup (or were loaded around ingest) gets it built once at
 * start-up: an empty rollup beside stored payments is rebuilt. Returns whether it rebuilt.
 */
export async function ensureExecutionRollup(ex: Executor): Promise<boolean> {
	await tuneExecutionRollupStorage(ex);
	const [state] = await rows<{ payments: boolean; rollup: boolean }>(
		ex,
		sql`select exists (select 1 from payment) as payments, exists (select 1 from execution_rollup) as rollup`
	);
	if (!state.payments || state.rollup) return false;
	await rebuildExecutionRollup(ex);
	return true;
}
