/**
 * A file's records cut into batches: each batch is kept in the file's outbox before it is sent, sent
 * with at most `window` batches awaiting acknowledgement, and journaled once acknowledged. A batch
 * the outbox already has acknowledged (a file resumed after a stop) is not sent again.
 */
import type { IngestAck, RecordKind } from '../../src/lib/domain/records';
import { batchIdOf, type JournalEntry, type Outbox, type OutboxBatch } from './outbox';
import type { Progress } from './progress';
import { idOf } from './record-kind';
import type { Sender } from './sender';

/** Batches stay well under the server's 8 MiB message limit. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface FileBatchesOptions {
	name: string;
	/** The file's key in the outbox (its content and the settings that cut it into batches). */
	key: string;
	outbox: Outbox;
	sender: Sender;
	batchSize: number;
	window: number;
	progress: Progress;
	log: (line: string) => void;
	signal?: AbortSignal;
	/** A bulk load's id: its payment batches are staged (`bulk:batch`), counted when it is committed. */
	load?: string;
}

export class FileBatches {
	/** Batches cut so far, numbered from 1 (including those acknowledged in an earlier run). */
	count = 0;
	/** Batches sent in this run. */
	sent = 0;
	private current:
		{ kind: RecordKind; rows: number[]; records: unknown[]; bytes: number } | undefined;
	private readonly inFlight: Promise<void>[] = [];
	/** In a bulk load, the file rows of each payment batch cut, by batch number (for the commit's conflicts). */
	readonly stagedRows = new Map<number, number[]>();

	constructor(private readonly file: FileBatchesOptions) {}

	/** The bulk load this file's payments are staged in (undefined outside a bulk load). */
	get load(): string | undefined {
		return this.file.load;
	}

	/** Whether a record of this kind and size starts a new batch (send the current one first). */
	full(kind: RecordKind, bytes: number): boolean {
		const current = this.current;
		return (
			current !== undefined &&
			(current.kind !== kind ||
				current.records.length >= this.file.batchSize ||
				current.bytes + bytes > MAX_BATCH_BYTES)
		);
	}

	add(row: number, kind: RecordKind, record: unknown, bytes: number): void {
		this.current ??= { kind, rows: [], records: [], bytes: 0 };
		this.current.rows.push(row);
		this.current.records.push(record);
		this.current.bytes += bytes;
	}

	/** Keeps the current batch in the outbox and sends it; waits while `window` batches are in flight. */
	async flush(): Promise<void> {
		const { outbox, sender, progress, log, name } = this.file;
		const current = this.current;
		if (!current || current.records.length === 0) return;
		const n = ++this.count;
		const batch: OutboxBatch = {
			batchId: batchIdOf(this.file.key, n),
			kind: current.kind,
			n,
			rows: current.rows,
			records: current.records
		};
		this.current = undefined;
		const load = batch.kind === 'payment' ? this.file.load : undefined;
		if (load) this.stagedRows.set(n, batch.rows);
		if (outbox.isAcknowledged(n)) return;
		outbox.put(batch);
		this.sent++;
		const t0 = performance.now();
		const request = { batchId: batch.batchId, kind: batch.kind, records: batch.records };
		const sending = (
			load
				? sender.stage({ ...request, load, part: n }, this.file.signal)
				: sender.send(request, this.file.signal)
		).then((ack) => {
			outbox.acknowledge(journalEntry(batch, ack));
			progress.log(
				log,
				`${name} batch ${batch.n} (${batch.kind}, rows ${batch.rows[0]}–${batch.rows.at(-1)}): ${batch.records.length} records, ${load ? 'staged' : 'accepted'} ${ack.accepted}, duplicates ${ack.duplicates}, rejected ${ack.rejected.length} (${Math.round(performance.now() - t0)} ms)`
			);
		});
		sending.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
		this.inFlight.push(sending);
		if (this.inFlight.length >= this.file.window) await this.inFlight.shift();
	}

	/** Waits for the batches in flight: every one acknowledged (or the first failure), or, when stopping, each settled. */
	async settle(stopping: boolean): Promise<void> {
		if (stopping) await Promise.allSettled(this.inFlight);
		else await Promise.all(this.inFlight);
	}
}

/** An ack as the journal keeps it: each rejected record by its row in the file. */
function journalEntry(batch: OutboxBatch, ack: IngestAck): JournalEntry {
	return {
		n: batch.n,
		batchId: batch.batchId,
		records: batch.records.length,
		accepted: ack.accepted,
		duplicates: ack.duplicates,
		rejected: ack.rejected.map((r) => ({
			row: batch.rows[r.index] ?? -1,
			...(r.id !== undefined
				? { id: r.id }
				: idOf(batch.records[r.index]) !== undefined
					? { id: idOf(batch.records[r.index]) }
					: {}),
			reason: r.reason
		}))
	};
}
