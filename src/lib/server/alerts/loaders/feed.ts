// Reads when the payment feed last delivered, for the feed-stale rule.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';

/** The business time of the newest payment received, or null when none was. */
export async function loadFeedLastRecord(ex: Executor): Promise<Date | null> {
	const [feed] = await rows<{ ms: number | null }>(
		ex,
		sql`select (extract(epoch from last_record_at) * 1000)::float8 as ms from feed_status where source = 'payment'`
	);
	return feed?.ms != null ? new Date(Number(feed.ms)) : null;
}
