/**
 * The dashboards' read model (table execution_rollup): one grouping-sets upsert that adds payments
 * to every level pages read, by day and by month. Used as one CTE of the payment insert (source =
 * the rows just inserted) and to backfill from the payment table (source = payment).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';

/**
 * An `insert … on conflict do update` of `source`'s rows (columns fiscal_date, budget_kind,
 * dept_code, agency_code, func_code, econ_code, project_code, amount, payment_count) into
 * execution_rollup; a source row may already sum several payments (ingest pre-aggregates a batch by
 * day and codes). GROUPING() tells the level: a column it aggregates away is 1.
 */
export function executionRollupUpsert(source: SQL): SQL {
	return sql`insert into execution_rollup as r (level, budget_kind, dept_code, grain, period, func_code, econ_code,
			agency_code, project_code, amount, payment_count)
		select case grouping(s.dept_code, s.agency_code, s.func_code, s.econ_code, s.project_code, left(s.func_code, 3))
				when 63 then 'city' when 62 then 'class' when 55 then 'func' when 31 then 'dept' when 17 then 'line'
				when 13 then 'unit' when 23 then 'deptFunc' end,
			s.budget_kind, coalesce(s.dept_code, ''), g.grain,
			case g.grain when 'd' then s.fiscal_date else date_trunc('month', s.fiscal_date)::date end,
			coalesce(s.func_code, left(s.func_code, 3), ''), coalesce(s.econ_code, ''), coalesce(s.agency_code, ''),
			coalesce(s.project_code, ''), sum(s.amount), sum(s.payment_count)::int
		from ${source} s cross join (values ('d'), ('m')) as g(grain)
		group by g.grain, 5, s.budget_kind, grouping sets ((), (left(s.func_code, 3)), (s.func_code), (s.dept_code),
			(s.dept_code, s.func_code, s.econ_code, s.project_code), (s.dept_code, s.agency_code, s.project_code),
			(s.dept_code, s.func_code))
		on conflict (level, budget_kind, dept_code, grain, period, func_code, econ_code, agency_code, project_code)
		do update set amount = r.amount + excluded.amount, payment_count = r.payment_count + excluded.payment_count`;
}

/** The payment table as a rollup source: each row one payment. */
export const PAYMENTS_AS_SOURCE = sql`(select fiscal_date, budget_kind, dept_code, agency_code, func_code, econ_code,
	project_code, amount, 1 as payment_count from payment)`;

/** Recomputes the whole rollup from the payments (backfill, or repair after a manual change). */
export async function rebuildExecutionRollup(ex: Executor): Promise<void> {
	await ex.execute(sql`delete from execution_rollup`);
	await ex.execute(executionRollupUpsert(PAYMENTS_AS_SOURCE));
}

/**
 * Storage settings the rollup needs and drizzle cannot declare: its rows are counters updated many
 * times a day, so pages keep room for a row's new version beside the old one (the covering index
 * keeps these updates from being HOT, but the new version still lands on the same page) and
 * autovacuum visits it often. Idempotent; applied at start-up.
 */
export async function tuneExecutionRollupStorage(ex: Executor): Promise<void> {
	const [r] = await rows<{ options: string[] | null }>(ex, sql`select reloptions as options from pg_class where oid = 'execution_rollup'::regclass`);
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
