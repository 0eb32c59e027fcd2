/**
 * A bulk commit's rollup computed aside (PostgreSQL). The commit is one transaction on one backend,
 * so one core: while it inserts the load's payments, another connection sums the load's staged
 * payments into their rollup rows, month by month. The staged rows are committed and do not change
 * until the commit empties them, so when the commit finds that it inserted every staged payment (a
 * closed year not loaded before), these are exactly the rows of what it inserted, and it only writes
 * them (bulk-commit.ts). Computing a month's rows and sorting them into the rollup's key order was
 * over half of its time in the transaction.
 *
 * The rows live in unlogged tables of their own (`bulk_aside_<seconds>_<run>_…`), one with the load's
 * payments and one a month in key order, dropped when the commit is over; the months are computed
 * oldest first, and the commit writes each as soon as it is ready. A table
 * left by a process that died mid-commit is dropped by the next commit once a day old.
 */
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { executionRollupRows, ROLLUP_KEY_ORDER } from './execution-rollup';

/** The load's inserted payments summed for the live event, by year and budget kind. */
export interface LoadSummaryRow {
	year: number;
	budget_kind: string;
	amount: string;
	payments: number;
	dept_codes: string[];
	func_classes: string[];
	last_paid_at: string;
}

export interface RollupAside {
	/** The months with payments (`YYYY-MM-01`), oldest first. */
	months: string[];
	/** How many staged payments it summed (the commit checks them against what it inserted). */
	payments: number;
	/** The payments' summary for the live event. */
	summary: LoadSummaryRow[];
	/**
	 * The table holding a month's rollup rows in key order, once computed (months are computed
	 * oldest first, so the commit writes one while the next is computed); undefined if it failed.
	 */
	monthRows(month: string): Promise<SQL | undefined>;
}

const PREFIX = 'bulk_aside_';
const STALE_SECONDS = 24 * 3600;

/** A fresh run's table name prefix; every name is a plain identifier (no quoting needed). */
function runPrefix(): string {
	return `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

/**
 * The load's staged payments (`stage`: a parenthesised query with the columns of bulk-commit's
 * bulk_inserted, one row a payment) summed aside on `ex`, a connection outside the commit's
 * transaction. `done` resolves once the payments are read (their months, count and summary); each
 * month's rows follow. `drop` removes the tables, whatever state the run is in.
 */
export function computeRollupAside(
	ex: Executor,
	stage: SQL
): { done: Promise<RollupAside>; drop: () => Promise<void> } {
	const prefix = runPrefix();
	const source = sql.raw(`${prefix}_src`);
	const monthName = (month: string) => `${prefix}_${month.slice(0, 4)}${month.slice(5, 7)}`;
	const created: string[] = [];
	let computing: Promise<unknown> = Promise.resolve();
	const done = (async (): Promise<RollupAside> => {
		await dropStale(ex);
		created.push(`${prefix}_src`);
		await ex.execute(sql`create unlogged table ${source} as select * from ${stage} s`);
		// A year's export is in time order, mostly: a month's rows are then a range of pages.
		await ex.execute(sql`create index on ${source} using brin (fiscal_date)`);
		await ex.execute(sql`analyze ${source}`);
		const months = await rows<{ month: string; payments: number }>(
			ex,
			sql`select date_trunc('month', fiscal_date)::date::text as month, sum(payment_count)::int as payments
				from ${source} group by 1 order by 1`
		);
		const summary = await rows<LoadSummaryRow>(ex, loadSummary(source));
		const computed = new Map<string, Promise<SQL | undefined>>();
		for (const { month } of months) {
			const name = monthName(month);
			const rowsOfMonth = computing.then(async () => {
				created.push(name);
				await ex.execute(sql`create unlogged table ${sql.raw(name)} as
					${executionRollupRows(sql`(select * from ${source}
						where fiscal_date >= ${month}::date and fiscal_date < (${month}::date + interval '1 month'))`)}
					${ROLLUP_KEY_ORDER}`);
				return sql.raw(name);
			});
			computing = rowsOfMonth.catch(() => undefined);
			computed.set(
				month,
				rowsOfMonth.catch((err: Error) => {
					console.error(`[ingest] the rollup of ${month} computed aside failed: ${err.message}`);
					return undefined;
				})
			);
		}
		return {
			months: months.map((m) => m.month),
			payments: months.reduce((n, m) => n + m.payments, 0),
			summary,
			monthRows: (month) => computed.get(month) ?? Promise.resolve(undefined)
		};
	})();
	// Awaited only once the commit has inserted its payments: a failure before then must not be an
	// unhandled rejection (which ends the process); the commit still sees it when it awaits `done`.
	done.catch(() => undefined);
	const drop = async () => {
		await done.catch(() => undefined);
		await computing;
		for (const table of created) await ex.execute(sql.raw(`drop table if exists ${table}`));
	};
	return { done, drop };
}

/**
 * The live event's summary of inserted payments (`source`: rows by day and codes with amount,
 * payment_count and last_paid_at), summed by department and class before its distinct lists (an
 * `array_agg(distinct …)` over every payment of a load sorted them all).
 */
export function loadSummary(source: SQL): SQL {
	return sql`select fiscal_year::int as year, budget_kind, sum(amount)::text as amount,
			sum(payments)::int as payments, array_agg(distinct dept_code) as dept_codes,
			array_agg(distinct func_class) as func_classes,
			to_char(max(last_paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_paid_at
		from (select fiscal_year, budget_kind, dept_code, left(func_code, 3) as func_class, sum(amount) as amount,
				sum(payment_count) as payments, max(last_paid_at) as last_paid_at
			from ${source} group by 1, 2, 3, 4) g
		group by fiscal_year, budget_kind`;
}

/** Tables of runs more than a day old: left by a process that died mid-commit. */
async function dropStale(ex: Executor): Promise<void> {
	const tables = await rows<{ name: string }>(
		ex,
		sql`select relname as name from pg_class
			where relkind = 'r' and left(relname, ${PREFIX.length}) = ${PREFIX}
				and relnamespace = current_schema()::regnamespace`
	);
	const now = Date.now() / 1000;
	for (const { name } of tables) {
		const started = Number(name.slice(PREFIX.length).split('_')[0]);
		if (Number.isFinite(started) && now - started > STALE_SECONDS)
			await ex.execute(sql.raw(`drop table if exists ${name}`));
	}
}
