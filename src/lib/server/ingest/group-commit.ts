/**
 * One transaction for a group of batches of one kind (several only for payments): records, rollups,
 * quarantine, alert rules, ingest_batch rows, feed status and live events; acks in group order. A
 * batchId already stored returns its stored ack and stores nothing.
 */
import type { Database, Executor } from '../../../../db/client';
import type { IngestAck, RecordKind } from '../../domain/records';
import { evaluateOnIngest, type IngestTouch } from '../alerts/on-ingest';
import { referenceCacheOf } from '../alerts/reference-cache';
import { spendingLedgerOf } from '../alerts/spending-ledger';
import { commitChange, type NewLiveEvent } from '../write-path';
import { logBatchesStatement, storedAcks } from './batch-log';
import { updateFeedStatus } from './feed-status';
import type { BatchOutcome } from './payments';
import { quarantine, quarantinedEvent } from './quarantine';
import { resolveResubmitted, ResubmissionRejected } from './resubmission';
import { storeGroup, type StoredGroup } from './stores';
import type { IngestOptions, Rejection, StoreContext } from './types';
import type { Pending } from './writer';

/** A batch of the group once stored: what storing did, and every record it rejected, in index order. */
interface Outcome {
	pending: Pending;
	outcome: BatchOutcome;
	rejected: (Rejection & { raw: unknown })[];
}

export async function commitGroup(database: Database, group: Pending[]): Promise<IngestAck[]> {
	const { options } = group[0];
	const { kind } = group[0].request;
	const ackOf = (acks: Map<string, IngestAck>) => (p: Pending) => acks.get(p.request.batchId)!;
	return commitChange(database.db, options.live, async (tx) => {
		const acks = await storedAcks(
			tx,
			group.map((p) => p.request.batchId)
		);
		const todo = group.filter((p) => !acks.has(p.request.batchId));
		if (todo.length === 0) return { result: group.map(ackOf(acks)) };

		const ctx: StoreContext = { tx, batchId: todo.at(-1)!.request.batchId, tz: options.tz };
		const stored = await storeGroup(ctx, todo);
		const outcomes: Outcome[] = todo.map((p, i) => ({
			pending: p,
			outcome: stored.batches[i],
			rejected: [...p.invalid, ...stored.batches[i].rejected].sort((a, b) => a.index - b.index)
		}));
		for (const { pending, rejected } of outcomes)
			await quarantine(tx, pending.request.batchId, kind, rejected);
		const events: NewLiveEvent[] = [...stored.events];
		// Alert rules re-evaluate what the group touched (quarantine included), in the same transaction.
		if (options.alerts !== false)
			events.push(
				...(await evaluateOnIngest(ctx, groupTouch(kind, outcomes, stored), {
					ledger: spendingLedgerOf(database),
					reference: referenceCacheOf(database)
				}))
			);
		for (const o of outcomes) {
			const ack = batchAck(o);
			acks.set(ack.batchId, ack);
			events.push(...(await batchEvents(tx, options, ack, o.rejected)));
		}
		const logged = logBatchesStatement(
			kind,
			options.source,
			outcomes.map(({ pending: p, rejected }) => ({
				batch_id: p.request.batchId,
				record_count: p.request.records.length,
				rejected_count: rejected.length,
				ack: acks.get(p.request.batchId)!,
				duration_ms: Math.round(performance.now() - p.started)
			}))
		);
		// A staff correction says nothing about whether the source's feed is alive: no feed status.
		if (options.resubmission) await tx.execute(logged);
		else {
			const accepted = outcomes.reduce((n, o) => n + o.outcome.accepted, 0);
			events.push(
				await updateFeedStatus(tx, kind, ctx.batchId, accepted, stored.lastRecordAt, logged)
			);
		}
		return { result: group.map(ackOf(acks)), events };
	});
}

function batchAck({ pending, outcome, rejected }: Outcome): IngestAck {
	return {
		batchId: pending.request.batchId,
		accepted: outcome.accepted,
		duplicates: outcome.duplicates,
		rejected: rejected.map(({ index, id, reason }) =>
			id === undefined ? { index, reason } : { index, id, reason }
		)
	};
}

/**
 * A batch's own live events: what it left in quarantine; for a re-submission, its entry resolved
 * (or, rejected again, the whole transaction rolled back).
 */
async function batchEvents(
	tx: Executor,
	options: IngestOptions,
	ack: IngestAck,
	rejected: Rejection[]
): Promise<NewLiveEvent[]> {
	const events: NewLiveEvent[] = [];
	if (rejected.length > 0) events.push(quarantinedEvent(ack.batchId, rejected));
	if (options.resubmission) {
		if (rejected.length > 0) throw new ResubmissionRejected(ack);
		events.push(await resolveResubmitted(tx, options.resubmission, ack.batchId));
	}
	return events;
}

/**
 * What the alert rules see of a group: its valid records and rejects as one batch, indexes offset
 * by the batches before (so a conflict's index still names its record).
 */
function groupTouch(
	kind: RecordKind,
	outcomes: Outcome[],
	stored: Pick<StoredGroup, 'inserted' | 'lastRecordAt' | 'renamed'>
): IngestTouch {
	let offset = 0;
	const records: NonNullable<IngestTouch['records']> = [];
	const conflicts: (Rejection & { raw: unknown })[] = [];
	for (const { pending, outcome } of outcomes) {
		for (const v of pending.valid) records.push({ index: offset + v.index, record: v.record });
		for (const c of outcome.rejected) conflicts.push({ ...c, index: offset + c.index });
		offset += pending.request.records.length;
	}
	return {
		kind,
		result: {
			accepted: outcomes.reduce((n, o) => n + o.outcome.accepted, 0),
			duplicates: outcomes.reduce((n, o) => n + o.outcome.duplicates, 0),
			rejected: conflicts,
			lastRecordAt: stored.lastRecordAt
		},
		rejected: outcomes.reduce((n, o) => n + o.rejected.length, 0),
		records,
		inserted: stored.inserted,
		renamed: stored.renamed
	};
}
