// The feed_status table: per source (record kind), when it last delivered and how much.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { RecordKind } from '../../domain/records';
import type { LiveEvent } from '../../live/events';

/**
 * The source's feed status after this batch, and the live event that tells open pages. `with`, a
 * data-modifying statement of the same transaction (the batch log), runs in the same statement.
 */
export async function updateFeedStatus(
	tx: Executor,
	kind: RecordKind,
	batchId: string,
	accepted: number,
	lastRecordAt: Date | undefined,
	withStatement?: SQL
): Promise<Omit<LiveEvent<'feed'>, 'seq' | 'at'>> {
	const [f] = await rows<{ received_at: string; last_record_at: string | null }>(
		tx,
		sql`${withStatement ? sql`with logged as (${withStatement}) ` : sql``}insert into feed_status as f (source, last_received_at, last_record_at, last_batch_id, total_records)
			values (${kind}, now(), ${lastRecordAt?.toISOString() ?? null}::timestamptz, ${batchId}, ${accepted})
			on conflict (source) do update set last_received_at = excluded.last_received_at,
				last_record_at = greatest(f.last_record_at, excluded.last_record_at),
				last_batch_id = excluded.last_batch_id,
				total_records = f.total_records + excluded.total_records
			returning to_char(last_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as received_at,
				to_char(last_record_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_record_at`
	);
	return {
		topic: 'feed',
		audience: 'all',
		payload: {
			source: kind,
			receivedAt: f.received_at,
			records: accepted,
			lastRecordAt: f.last_record_at
		}
	};
}
