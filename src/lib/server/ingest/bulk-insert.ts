/**
 * A bulk commit's payments and rollup (bulk-commit.ts runs them in its transaction): the load's
 * staged payments inserted into payment, then added to the rollup month by month, from rows computed
 * aside while the payments went in (bulk-rollup-aside.ts) or computed here from what was inserted.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, textArray, type Executor } from '../../../../db/client';
import { loadSummary, type LoadSummaryRow, type RollupAside } from './bulk-rollup-aside';
import { executionRollupUpsert, rollupRowsInsert, sealMonth } from './execution-rollup';

/**
 * The load's payments inserted, an id already stored skipped, then the rollup month by month. Each
 * month's grouping sets fit in memory (over the whole load they spilled to disk and grew faster than
 * the load), and a month older than the newest with payments is sealed before its rows go in (from
 * the day rows stored before the load, if any), so its fine-level month rows are written with its
 * day rows instead of summed again from them afterwards. When every staged payment went in and the
 * rollup's rows were computed aside meanwhile, a month's rows are only written; otherwise they are
 * computed here from what was inserted (the temporary table bulk_inserted). Returns a summary by
 * year and budget kind.
 */
export async function insertLoad(
	tx: Executor,
	load: string,
	tz: string,
	staged: number,
	aside: Promise<RollupAside> | undefined
): Promise<LoadSummaryRow[]> {
	const timing = { insert: 0, wait: 0, rollup: 0, seal: 0 };
	let t = performance.now();
	const everyStaged = await insertPayments(tx, load, tz, staged);
	timing.insert = performance.now() - t;
	t = performance.now();
	const computed = everyStaged && aside ? await usableAside(aside, load, staged) : undefined;
	timing.wait = performance.now() - t;
	// bulk_inserted holds what was inserted, by day and codes: filled by insertPayments unless every
	// staged payment went in; then from the stage, when a month is to be computed here after all.
	let inserted = !everyStaged;
	const insertedRows = async () => {
		if (!inserted)
			await tx.execute(sql`insert into bulk_inserted select * from ${stagedPayments(load, tz)} s`);
		inserted = true;
		return sql`bulk_inserted`;
	};
	// A month with no rollup row at the city level has none at any level (every rollup write adds the
	// city's): its rows go in by plain insert.
	const loaded = computed
		? sql`(select unnest(${textArray(computed.months)})::date as month)`
		: sql`(select distinct date_trunc('month', fiscal_date)::date as month from ${await insertedRows()})`;
	const months = await rows<{ month: string; sealed: boolean; older: boolean; fresh: boolean }>(
		tx,
		sql`with m as ${loaded},
			newest as (select greatest((select max(month) from m),
				(select max(period) from execution_rollup where level = 'city' and grain = 'm')) as month)
		select m.month::text as month, m.month in (select month from rollup_sealed_month) as sealed,
			m.month < (select month from newest) as older,
			not exists (select 1 from execution_rollup r
				where r.level = 'city' and r.grain = 'm' and r.period = m.month) as fresh
		from m order by 1`
	);
	for (const { month, sealed, older, fresh } of months) {
		if (older && !sealed) {
			t = performance.now();
			await tx.execute(sealMonth(month));
			timing.seal += performance.now() - t;
		}
		t = performance.now();
		const ready = await computed?.monthRows(month);
		timing.wait += performance.now() - t;
		t = performance.now();
		await tx.execute(
			ready
				? // In the key order it was written in (a plain scan returns it so).
					rollupRowsInsert(ready, { fresh })
				: executionRollupUpsert(
						sql`(select * from ${await insertedRows()}
							where fiscal_date >= ${month}::date and fiscal_date < (${month}::date + interval '1 month'))`,
						{ ordered: true, fresh }
					)
		);
		timing.rollup += performance.now() - t;
	}
	t = performance.now();
	const changes =
		computed?.summary ?? (await rows<LoadSummaryRow>(tx, loadSummary(sql`bulk_inserted`)));
	const summary = performance.now() - t;
	console.log(
		`[qiandai] bulk load ${load}: payments inserted in ${Math.round(timing.insert)} ms, rollup of ${months.length} months in ${Math.round(timing.rollup)} ms (${computed ? `computed aside, ${Math.round(timing.wait)} ms waited for` : 'computed here'}; sealing before: ${Math.round(timing.seal)} ms), summary in ${Math.round(summary)} ms`
	);
	return changes;
}

/** The rollup computed aside, if it finished and summed exactly the payments the commit inserted. */
async function usableAside(
	aside: Promise<RollupAside>,
	load: string,
	staged: number
): Promise<RollupAside | undefined> {
	try {
		const computed = await aside;
		if (computed.payments === staged) return computed;
		console.error(
			`[ingest] bulk load ${load}: the rollup computed aside summed ${computed.payments} payments of ${staged}; computing it here`
		);
	} catch (err) {
		console.error(
			`[ingest] bulk load ${load}: the rollup computed aside failed (${(err as Error).message}); computing it here`
		);
	}
	return undefined;
}

/** The load's staged payments as bulk_inserted's rows, one a payment, in the stage's order. */
export function stagedPayments(load: string, tz: string): SQL {
	return sql`(select (s.paid_at at time zone ${tz})::date as fiscal_date,
			extract(year from s.paid_at at time zone ${tz})::smallint as fiscal_year, s.budget_kind, s.dept_code,
			coalesce(s.agency_code, '') as agency_code, s.func_code, s.econ_code,
			coalesce(s.project_code, '') as project_code, s.amount, 1 as payment_count, s.paid_at as last_paid_at
		from bulk_payment_stage s join bulk_batch b on b.batch_id = s.batch_id
		where b.load_id = ${load})`;
}

/**
 * Inserts the load's payments into payment; true when that was every staged payment. The insert is
 * tried first as if every staged payment were new, in the stage's order: when it inserted them all,
 * the rollup is the stage's (computed aside, or from the stage into bulk_inserted by insertLoad).
 * Otherwise (an id stored before, or twice in the load) it is undone to its savepoint and done
 * again in the load's order (batch part, then place in batch: the first of two records with one id
 * stays), with bulk_inserted filled from the rows the insert returns. Carrying every inserted row out
 * of the insert and summing them cost several seconds a million payments, for a clean load for
 * nothing.
 */
async function insertPayments(
	tx: Executor,
	load: string,
	tz: string,
	staged: number
): Promise<boolean> {
	await tx.execute(sql`create temp table if not exists bulk_inserted (fiscal_date date, fiscal_year smallint,
			budget_kind text, dept_code text, agency_code text, func_code text, econ_code text, project_code text,
			amount numeric, payment_count int, last_paid_at timestamptz) on commit drop`);
	const insert = sql`insert into payment (id, paid_at, fiscal_date, fiscal_year, budget_kind, dept_code,
			agency_code, func_code, econ_code, project_code, amount, pay_type, payee, payee_kind, purpose,
			content_hash, batch_id)
		select s.id, s.paid_at, (s.paid_at at time zone ${tz})::date,
			extract(year from s.paid_at at time zone ${tz})::smallint, s.budget_kind, s.dept_code,
			coalesce(s.agency_code, ''), s.func_code, s.econ_code, coalesce(s.project_code, ''), s.amount,
			s.pay_type, s.payee, s.payee_kind, s.purpose, s.content_hash, s.batch_id
		from bulk_payment_stage s join bulk_batch b on b.batch_id = s.batch_id
		where b.load_id = ${load}`;
	await tx.execute(sql`savepoint bulk_insert`);
	const [all] = await rows<{ n: number }>(
		tx,
		sql`with ins as (${insert} on conflict (id) do nothing returning 1) select count(*)::int as n from ins`
	);
	if (all.n === staged) {
		await tx.execute(sql`release savepoint bulk_insert`);
		return true;
	}
	await tx.execute(sql`rollback to savepoint bulk_insert`);
	await tx.execute(sql`with ins as (
			${insert}
			order by b.part, s.ord
			on conflict (id) do nothing
			returning paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code,
				project_code, amount
		)
		insert into bulk_inserted
		select fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code, project_code,
			sum(amount), count(*)::int, max(paid_at)
		from ins group by 1, 2, 3, 4, 5, 6, 7, 8`);
	return false;
}
