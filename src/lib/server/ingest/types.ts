// The shapes ingest passes between its steps: options, validated records, what a store did.
import type { Executor } from '../../../../db/client';
import type { IngestAck } from '../../domain/records';
import type { CodeKey } from '../classification/names';
import type { LiveHub } from '../runtime';
import type { NewLiveEvent } from '../write-path';

export type Rejection = IngestAck['rejected'][number];

/** One validated record with its position in the batch and its raw form (kept if it is quarantined). */
export interface Item<T> {
	index: number;
	record: T;
	raw: unknown;
}

export interface StoreContext {
	tx: Executor;
	batchId: string;
	tz: string;
}

export interface StoreResult {
	accepted: number;
	duplicates: number;
	/** Valid records that still could not be stored (id conflicts); they go to quarantine. */
	rejected: (Rejection & { raw: unknown })[];
	/** Live events to record in the same transaction (seq and time are assigned there). */
	events: NewLiveEvent[];
	/** Latest business time among the stored records, for the feed status. */
	lastRecordAt?: Date;
	/** Codes only: the codes whose names in effect changed (alerts naming them are explained anew). */
	renamed?: CodeKey[];
}

export interface IngestOptions {
	/** Who sent it: the ingest key's name. */
	source: string;
	tz: string;
	live?: LiveHub;
	/** Set when staff re-submit a corrected quarantined record (a batch of that one record). */
	resubmission?: Resubmission;
	/**
	 * false: skip the alert rules for this batch (a bulk load that evaluates once at its end, or
	 * ALERTS=off through the runtime config's alertsOnIngest, which the socket and HTTP doors pass).
	 */
	alerts?: boolean;
	/**
	 * The server's clock for the date rule (nothing dated more than 5 minutes after it is stored);
	 * the real clock unless a replay of a whole past-or-present year sets it (tests, benchmarks).
	 */
	now?: () => Date;
}

/**
 * A corrected quarantined record goes through ingest like any batch. In the same transaction, a
 * record that is stored (or already was, a duplicate) marks its quarantine entry resubmitted, with
 * who and when, in the audit log too; a record that is rejected again rolls everything back and the
 * entry stays open, so the correction leaves no second quarantine entry behind.
 */
export interface Resubmission {
	quarantineId: number;
	actor: { id: number; username: string };
	ip?: string;
}
