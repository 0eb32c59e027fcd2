/**
 * Checks of the dashboards' rollup (execution_rollup) against the payments it sums, for tests that
 * load payments by a path of their own (bulk loads).
 */
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../db/client';
import { rebuildExecutionRollup } from '../../src/lib/server/ingest/execution-rollup';

/** The stored rollup's rows against a rebuild from the payments (in a transaction rolled back). */
export async function rollupAgainstRebuild(
	database: Database
): Promise<{ missing: number; extra: number }> {
	const undo = new Error('rolled back');
	let found = { missing: -1, extra: -1 };
	const key = sql.raw(`level, budget_kind, dept_code, grain, period, func_code, econ_code,
		agency_code, project_code, amount, payment_count`);
	await database.db
		.transaction(async (tx) => {
			await tx.execute(sql`create temp table stored_rollup on commit drop as
				select ${key} from execution_rollup`);
			await rebuildExecutionRollup(tx);
			const [r] = await rows<{ missing: number; extra: number }>(
				tx,
				sql`select (select count(*) from (select ${key} from execution_rollup
						except all select ${key} from stored_rollup) m)::int as missing,
					(select count(*) from (select ${key} from stored_rollup
						except all select ${key} from execution_rollup) e)::int as extra`
			);
			found = r;
			throw undo;
		})
		.catch((err: unknown) => {
			if (err !== undo) throw err;
		});
	return found;
}

/** The plan-line and unit month rows of sealed months against the sums of their day rows. */
export async function sealedFineRows(database: Database) {
	const [fine] = await rows<{ keys: number; wrong: number }>(
		database.db,
		sql`with days as (
				select level, budget_kind, dept_code, date_trunc('month', period)::date as period, func_code, econ_code,
					agency_code, project_code, sum(amount) as amount, sum(payment_count)::int as n
				from execution_rollup where level in ('line', 'unit') and grain = 'd'
					and date_trunc('month', period)::date in (select month from rollup_sealed_month)
				group by 1, 2, 3, 4, 5, 6, 7, 8
			), months as (
				select * from execution_rollup where level in ('line', 'unit') and grain = 'm'
			)
			select count(*)::int as keys,
				count(*) filter (where m.amount is distinct from d.amount or m.payment_count is distinct from d.n)::int as wrong
			from days d full join months m using (level, budget_kind, dept_code, period, func_code, econ_code,
				agency_code, project_code)`
	);
	return fine;
}
