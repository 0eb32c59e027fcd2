/**
 * The alert rules after bulk loads: every fiscal year a committed load stored payments in and that
 * the rules have not judged since is judged once (evaluateYear: a past year by its own rules as of
 * its last day and by the rules over what is on record as of now), like the demo seed's history. A year is marked judged only after its evaluation commits,
 * so a loader stopped between the commit and the rules has them run by its next commit with
 * `evaluate`.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../../../db/client';
import { evaluateYear } from '../alerts/evaluation';
import type { IngestOptions } from './types';

/** Judges the years of committed loads not judged yet; returns them. */
export async function judgeBulkYears(
	database: Database,
	options: Pick<IngestOptions, 'tz' | 'live'>
): Promise<number[]> {
	const pending = await rows<{ year: number }>(
		database.db,
		sql`select distinct y::int as year from bulk_load, unnest(years) as y where evaluated_at is null order by 1`
	);
	const years = pending.map((p) => p.year);
	const now = new Date();
	for (const year of years) await evaluateYear(database.db, year, now, options.live, options.tz);
	if (years.length > 0)
		await database.db.execute(sql`update bulk_load set evaluated_at = now()
			where evaluated_at is null and years <@ array(select jsonb_array_elements_text(${JSON.stringify(years)}::jsonb)::smallint)`);
	return years;
}
