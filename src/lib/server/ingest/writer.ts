/**
 * Group commit. One writer per database in this process takes batches in arrival order (except that
 * a small batch is not held behind another source's large ones: nextIndex); payment
 * batches that arrived while the previous transaction ran (from the same source, with the same
 * options) are committed together in one transaction: one statement stores their payments and adds
 * them to the rollup (a key repeated across them is one rollup row), the alert rules judge what they
 * touched once, and every batch still gets its own ack, quarantine entries and ingest_batch row, after
 * the commit. Alone on an idle server a batch is a group of one, so a live payment waits for nothing.
 * If a group fails, its batches are tried one by one, so one batch's failure is only its own.
 */
import type { Database } from '../../../../db/client';
import type { IngestAck, IngestRequest, RecordByKind, RecordKind } from '../../domain/records';
import type { PreparedPayments } from './payments';
import type { IngestOptions, Item, Rejection } from './types';

/** A validated batch waiting for its database's writer. */
export interface Pending {
	request: IngestRequest;
	options: IngestOptions;
	started: number;
	valid: Item<RecordByKind[RecordKind]>[];
	invalid: (Rejection & { raw: unknown })[];
	/** Set for payments: the batch ready for a group statement. */
	payments?: PreparedPayments;
}

/** Commits a group in one transaction and returns its acks, in group order (group-commit.ts). */
export type CommitGroup = (database: Database, group: Pending[]) => Promise<IngestAck[]>;

/**
 * At most this many records go into one group transaction. A live batch waits for the transaction
 * already running, so shorter groups keep the live feed quicker during a file load: with payments
 * by COPY, 20,000 (two of the worker's batches) measured the throughput of 30,000 within the noise
 * and halved the live payment's wait, to 0.4–0.5 s at the median (docs/performance.md, sixth session).
 */
export const MAX_GROUP_RECORDS = 20_000;

/** A batch of at most this many records is committed before larger batches of other sources waiting ahead of it. */
export const LIVE_BATCH_RECORDS = 1_000;

type Settle = { resolve(ack: IngestAck): void; reject(err: unknown): void };

export class Writer {
	private readonly queue: (Pending & { settle: Settle })[] = [];
	private draining = false;
	/** Per source, the place of its latest batch still being validated (see arrive). */
	private readonly arrivals = new Map<string, Promise<void>>();

	constructor(
		private readonly database: Database,
		private readonly commit: CommitGroup
	) {}

	/**
	 * A batch's place in its source's line, taken as it arrives: `turn` settles once every earlier
	 * batch of the source has been queued (or has failed validation); `leave` once this one has.
	 */
	arrive(source: string): { turn: Promise<void>; leave(): void } {
		const turn = this.arrivals.get(source) ?? Promise.resolve();
		let leave!: () => void;
		const left = new Promise<void>((resolve) => (leave = resolve));
		const line = turn.then(() => left);
		this.arrivals.set(source, line);
		void line.then(() => {
			if (this.arrivals.get(source) === line) this.arrivals.delete(source);
		});
		return { turn, leave };
	}

	/** Batches validated and waiting for a transaction. */
	get waiting(): number {
		return this.queue.length;
	}

	submit(pending: Pending): Promise<IngestAck> {
		return new Promise((resolve, reject) => {
			this.queue.push({ ...pending, settle: { resolve, reject } });
			if (!this.draining) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.draining = true;
		try {
			while (this.queue.length > 0) {
				const group = this.take();
				try {
					const acks = await this.commit(this.database, group);
					group.forEach((p, i) => p.settle.resolve(acks[i]));
				} catch (err) {
					if (group.length === 1) group[0].settle.reject(err);
					else
						for (const p of group) {
							try {
								p.settle.resolve((await this.commit(this.database, [p]))[0]);
							} catch (e) {
								p.settle.reject(e);
							}
						}
				}
			}
		} finally {
			this.draining = false;
		}
	}

	/** The next group: the batch that goes next and the payment batches after it that can join it. */
	private take(): (Pending & { settle: Settle })[] {
		const at = this.nextIndex();
		const group = this.queue.splice(at, 1);
		const first = group[0];
		if (!joinable(first)) return group;
		let records = first.request.records.length;
		const ids = new Set([first.request.batchId]);
		for (;;) {
			const next = this.queue[at];
			if (
				!next ||
				!joinable(next) ||
				!sameOptions(first.options, next.options) ||
				ids.has(next.request.batchId)
			)
				break;
			if (records + next.request.records.length > MAX_GROUP_RECORDS) break;
			records += next.request.records.length;
			ids.add(next.request.batchId);
			group.push(...this.queue.splice(at, 1));
		}
		return group;
	}

	/**
	 * Which waiting batch goes next: the first, unless it is a large batch (a file being loaded) and
	 * a small one (a live push, a staff correction) of another source waits behind it. That one goes
	 * first, so a live payment is not held behind a bulk load's queue. A source's own batches keep
	 * their order (the first of two records with one id is the one stored).
	 */
	private nextIndex(): number {
		if (this.queue[0].request.records.length <= LIVE_BATCH_RECORDS) return 0;
		const ahead = new Set<string>();
		for (const [i, p] of this.queue.entries()) {
			if (p.request.records.length <= LIVE_BATCH_RECORDS && !ahead.has(p.options.source)) return i;
			ahead.add(p.options.source);
		}
		return 0;
	}
}

const joinable = (p: Pending) => p.request.kind === 'payment' && !p.options.resubmission;
const sameOptions = (a: IngestOptions, b: IngestOptions) =>
	a.source === b.source &&
	a.tz === b.tz &&
	a.live === b.live &&
	(a.alerts !== false) === (b.alerts !== false);

const writers = new WeakMap<Database, Writer>();

/** The database's writer in this process, made on first use with the function that commits its groups. */
export function writerOf(database: Database, commit: CommitGroup): Writer {
	let writer = writers.get(database);
	if (!writer) writers.set(database, (writer = new Writer(database, commit)));
	return writer;
}

/** How many batches wait for the database's writer (validated, not yet in a transaction). */
export function waitingBatches(database: Database): number {
	return writers.get(database)?.waiting ?? 0;
}
