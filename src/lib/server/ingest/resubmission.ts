/**
 * A staff correction of a quarantined record, committed as a batch of one (see Resubmission in
 * types.ts): its entry is marked resubmitted in the batch's transaction, or everything rolls back.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { IngestAck } from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import * as audit from '../audit';
import type { Resubmission } from './types';

/** Thrown inside the transaction to roll back a re-submission that was rejected again. */
export class ResubmissionRejected extends Error {
	constructor(readonly ack: IngestAck) {
		super('re-submitted record rejected');
	}
}

/** Marks the entry resubmitted, with who and when (in the audit log too); the entry must still be open. */
export async function resolveResubmitted(
	tx: Executor,
	r: Resubmission,
	batchId: string
): Promise<Omit<LiveEvent<'quarantine'>, 'seq' | 'at'>> {
	const updated = await rows<{ id: number }>(
		tx,
		sql`update quarantine set status = 'resubmitted', resolved_at = now(), resolved_by = ${r.actor.id},
				resolved_batch_id = ${batchId}
			where id = ${r.quarantineId} and status = 'open'
			returning id::int as id`
	);
	if (updated.length === 0)
		throw new ResubmissionRejected({
			batchId,
			accepted: 0,
			duplicates: 0,
			rejected: [
				{ index: 0, reason: 'quarantine: this entry is no longer open (resolved by someone else)' }
			]
		});
	await audit.record(tx, {
		actor: r.actor,
		action: 'quarantine.resubmitted',
		target: `quarantine:${r.quarantineId}`,
		detail: { batchId },
		ip: r.ip
	});
	return {
		topic: 'quarantine',
		audience: 'staff',
		payload: { batchId, count: 0, conflicts: 0, resolved: [r.quarantineId] }
	};
}
