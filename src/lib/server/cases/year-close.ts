/**
 * Closing fiscal years: on the setting day (MM-DD of the next year) a year's open and acknowledged
 * cases go into its summary with their last status (closed_by_year_close), with history; the year
 * is recorded, and its cases are no longer synced, listed or counted on current pages.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import type { AlertLevel } from '../../domain/alerts/params';
import { DEFAULT_YEAR_CLOSE_ON, isYearCloseOn, yearsDue } from '../../domain/cases/year-close';
import type { AlertChange } from '../../live/events';

/** The year-close day setting (MM-DD of the next year). */
export async function yearCloseOn(ex: Executor): Promise<string> {
	const [row] = await rows<{ on: string }>(
		ex,
		sql`select year_close_on as on from case_setting where id = 1`
	);
	return row?.on ?? DEFAULT_YEAR_CLOSE_ON;
}

/** Saves the year-close day; false when it is not a valid MM-DD. */
export async function saveYearCloseOn(db: Db, on: string, actorId: number): Promise<boolean> {
	if (!isYearCloseOn(on)) return false;
	await db.execute(sql`insert into case_setting (id, year_close_on, updated_by) values (1, ${on}, ${actorId})
		on conflict (id) do update set year_close_on = excluded.year_close_on, updated_by = excluded.updated_by, updated_at = now()`);
	return true;
}

/** The fiscal years already closed. */
export async function closedYears(ex: Executor): Promise<Set<number>> {
	const found = await rows<{ year: number }>(
		ex,
		sql`select year::int as year from fiscal_year_close`
	);
	return new Set(found.map((r) => Number(r.year)));
}

/** Closes one year: its active cases go into the summary with their last status. */
export async function closeYear(ex: Executor, year: number): Promise<AlertChange[]> {
	const closed = await rows<{
		id: number;
		cause: string;
		level: AlertLevel;
		status: 'open' | 'acknowledged';
	}>(
		ex,
		sql`with upd as (
				update alert_case set closed_by_year_close = true, closed_at = now(), updated_at = now()
				where year = ${year} and status in ('open', 'acknowledged') and not closed_by_year_close
				returning id, cause, level, status
			), h as (
				insert into alert_case_history (case_id, kind, from_status, to_status, from_level, to_level)
				select id, 'yearClosed', status, status, level, level from upd
			)
			select id::int as id, cause, level, status from upd`
	);
	await ex.execute(sql`insert into fiscal_year_close (year, cases_closed) values (${year}, ${closed.length})
		on conflict (year) do nothing`);
	return closed.map((c) => ({
		id: Number(c.id),
		ruleType: c.cause,
		level: c.level,
		status: c.status,
		change: 'status' as const
	}));
}

/** Closes every year with cases or findings whose close day has come by `asOf` (YYYY-MM-DD). */
export async function closeDueYears(ex: Executor, asOf: string): Promise<AlertChange[]> {
	const on = await yearCloseOn(ex);
	const candidates = await rows<{ year: number }>(
		ex,
		sql`select distinct year::int as year from alert_case
			where year not in (select year from fiscal_year_close)`
	);
	const out: AlertChange[] = [];
	for (const year of yearsDue(
		candidates.map((c) => Number(c.year)),
		asOf,
		on
	))
		out.push(...(await closeYear(ex, year)));
	return out;
}
