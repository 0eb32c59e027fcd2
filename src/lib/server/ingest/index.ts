/**
 * One batch in, one acknowledgement out. The batch is validated, then stored in one transaction
 * (records, rollups, quarantine, feed status, live events); the ack is returned only after commit.
 * Re-sending a batchId returns the stored ack and stores nothing twice.
 */
import { sql } from 'drizzle-orm';
import { anyText, rows, type Database, type Executor } from '../../../../db/client';
import {
	MAX_RECORD_BYTES,
	parseEnvelope,
	rawRecordId,
	validateRecord,
	type IngestAck,
	type IngestError,
	type IngestRequest,
	type PaymentRecord,
	type RecordByKind,
	type RecordKind
} from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import { commitChange, type NewLiveEvent } from '../write-path';
import type { LiveHub } from '../runtime';
import {
	preparePayments,
	storePayments,
	type BatchOutcome,
	type PreparedPayments,
	type StoredPayments
} from './payments';
import { storePlans } from './plans';
import { storeUnits } from './units';
import { storeRevenue } from './revenue';
import { storeAssets } from './assets';
import { evaluateOnIngest, type IngestTouch } from '../alerts/on-ingest';
import { spendingLedgerOf } from '../alerts/spending-ledger';
import * as audit from '../audit';
import { forEachInSlices } from './slices';
import type { Item, Rejection, StoreContext, StoreResult } from './types';

/** Stores a batch's valid records of one kind (other than payments, which are stored by group). */
type Store<K extends RecordKind> = (
	ctx: StoreContext,
	items: Item<RecordByKind[K]>[]
) => Promise<StoreResult>;

const STORES: { [K in Exclude<RecordKind, 'payment'>]: Store<K> } = {
	unit: storeUnits,
	plan: storePlans,
	revenue: storeRevenue,
	asset: storeAssets
};

export interface IngestOptions {
	/** Who sent it: the ingest key's name. */
	source: string;
	tz: string;
	live?: LiveHub;
	/** Set when staff re-submit a corrected quarantined record (a batch of that one record). */
	resubmission?: Resubmission;
	/** false: skip the alert rules for this batch (a bulk load that evaluates once at its end). */
	alerts?: boolean;
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

/** Thrown inside the transaction to roll back a re-submission that was rejected again. */
class ResubmissionRejected extends Error {
	constructor(readonly ack: IngestAck) {
		super('re-submitted record rejected');
	}
}

export type IngestOutcome =
	{ ok: true; ack: IngestAck } | { ok: false; status: 400 | 413 | 503; error: IngestError };

/** Validates the envelope, then ingests. Used by the socket handler and the HTTP endpoint alike. */
export async function ingest(
	database: Database,
	body: unknown,
	options: IngestOptions
): Promise<IngestOutcome> {
	const envelope = parseEnvelope(body);
	if (!envelope.ok)
		return {
			ok: false,
			status: envelope.tooLarge ? 413 : 400,
			error: { batchId: envelope.batchId ?? '', error: envelope.error }
		};
	try {
		return { ok: true, ack: await ingestBatch(database, envelope.request, options) };
	} catch (err) {
		if (err instanceof ResubmissionRejected) return { ok: true, ack: err.ack };
		// The database's own words (a failed query's cause), not the statement and its parameters.
		const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
		console.error(`[ingest] batch ${envelope.request.batchId} failed, nothing stored:`, reason);
		return {
			ok: false,
			status: 503,
			error: { batchId: envelope.request.batchId, error: `not stored, retry later: ${reason}` }
		};
	}
}

/**
 * Validates a batch (and prepares payments: hashes, SQL input) and hands it to the database's writer,
 * which commits it, alone or with payment batches that wait beside it, then returns its ack.
 */
export async function ingestBatch(
	database: Database,
	request: IngestRequest,
	options: IngestOptions
): Promise<IngestAck> {
	const started = performance.now();
	const { batchId, kind } = request;
	const writer = writerOf(database);
	// Validation yields to the event loop; the source's batches still reach the writer in the order they arrived.
	const place = writer.arrive(options.source);
	let acked: Promise<IngestAck>;
	try {
		const valid: Item<RecordByKind[typeof kind]>[] = [];
		const invalid: (Rejection & { raw: unknown })[] = [];
		await forEachInSlices(request.records.length, (index) => {
			const raw = request.records[index];
			const size = jsonSize(raw);
			if (size > MAX_RECORD_BYTES) {
				invalid.push({
					index,
					id: rawRecordId(raw),
					reason: `record: ${size} bytes is over the ${MAX_RECORD_BYTES}-byte limit for one record`,
					raw: truncatedRaw(raw)
				});
				return;
			}
			const result = validateRecord(kind, raw, options.tz);
			if (result.ok) valid.push({ index, record: result.record, raw });
			else invalid.push({ index, id: rawRecordId(raw), reason: result.reason, raw });
		});
		if (!(kind in STORES) && kind !== 'payment')
			throw new Error(`kind ${kind} is not supported by this server yet`);
		// The CPU work on payments happens here, before the batch waits for the writer, so it overlaps
		// the database work of the batches ahead of it.
		const payments =
			kind === 'payment'
				? await preparePayments(batchId, valid as Item<PaymentRecord>[])
				: undefined;
		await place.turn;
		acked = writer.submit({ request, options, started, valid, invalid, payments });
	} finally {
		place.leave(); // queued (or failed): the source's next batch may follow
	}
	return acked;
}

/** A validated batch waiting for its database's writer. */
interface Pending {
	request: IngestRequest;
	options: IngestOptions;
	started: number;
	valid: Item<RecordByKind[RecordKind]>[];
	invalid: (Rejection & { raw: unknown })[];
	/** Set for payments: the batch ready for a group statement. */
	payments?: PreparedPayments;
}

/**
 * At most this many records go into one group transaction. A live batch waits for the transaction
 * already running, so shorter groups keep the live feed quicker during a file load: with payments
 * by COPY, 20,000 (two of the worker's batches) measured the throughput of 30,000 within the noise
 * and halved the live payment's wait, to 0.4–0.5 s at the median (docs/performance.md, sixth session).
 */
export const MAX_GROUP_RECORDS = 20_000;

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
class Writer {
	private readonly queue: (Pending & { settle: Settle })[] = [];
	private draining = false;
	/** Per source, the place of its latest batch still being validated (see arrive). */
	private readonly arrivals = new Map<string, Promise<void>>();

	constructor(private readonly database: Database) {}

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
					const acks = await commitGroup(this.database, group);
					group.forEach((p, i) => p.settle.resolve(acks[i]));
				} catch (err) {
					if (group.length === 1) group[0].settle.reject(err);
					else
						for (const p of group) {
							try {
								p.settle.resolve((await commitGroup(this.database, [p]))[0]);
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

/** A batch of at most this many records is committed before larger batches of other sources waiting ahead of it. */
export const LIVE_BATCH_RECORDS = 1_000;

type Settle = { resolve(ack: IngestAck): void; reject(err: unknown): void };

const joinable = (p: Pending) => p.request.kind === 'payment' && !p.options.resubmission;
const sameOptions = (a: IngestOptions, b: IngestOptions) =>
	a.source === b.source &&
	a.tz === b.tz &&
	a.live === b.live &&
	(a.alerts !== false) === (b.alerts !== false);

const writers = new WeakMap<Database, Writer>();
/** How many batches wait for the database's writer (validated, not yet in a transaction). */
export function waitingBatches(database: Database): number {
	return writers.get(database)?.waiting ?? 0;
}

function writerOf(database: Database): Writer {
	let writer = writers.get(database);
	if (!writer) writers.set(database, (writer = new Writer(database)));
	return writer;
}

/**
 * One transaction for a group of batches of one kind (several only for payments): records, rollups,
 * quarantine, alert rules, ingest_batch rows, feed status and live events; acks in group order. A
 * batchId already stored returns its stored ack and stores nothing.
 */
async function commitGroup(database: Database, group: Pending[]): Promise<IngestAck[]> {
	const { options } = group[0];
	const { kind } = group[0].request;
	return commitChange(database.db, options.live, async (tx) => {
		const prior = await rows<{ batch_id: string; ack: IngestAck }>(
			tx,
			sql`select batch_id, ack from ingest_batch where batch_id = ${anyText(group.map((p) => p.request.batchId))}`
		);
		const acks = new Map(prior.map((r) => [r.batch_id, r.ack]));
		const todo = group.filter((p) => !acks.has(p.request.batchId));
		if (todo.length === 0) return { result: group.map((p) => acks.get(p.request.batchId)!) };

		const ctx: StoreContext = { tx, batchId: todo.at(-1)!.request.batchId, tz: options.tz };
		const stored = await storeGroup(ctx, todo);
		const outcomes = todo.map((p, i) => ({
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
				...(await evaluateOnIngest(
					ctx,
					groupTouch(kind, outcomes, stored),
					spendingLedgerOf(database)
				))
			);

		for (const { pending, outcome, rejected } of outcomes) {
			const { batchId } = pending.request;
			const ack: IngestAck = {
				batchId,
				accepted: outcome.accepted,
				duplicates: outcome.duplicates,
				rejected: rejected.map(({ index, id, reason }) =>
					id === undefined ? { index, reason } : { index, id, reason }
				)
			};
			acks.set(batchId, ack);
			if (rejected.length > 0) {
				// Conflicts are a data-quality signal of their own: the alert engine reads them from quarantine.
				const conflicts = rejected.filter((r) => r.reason.startsWith('conflict:')).length;
				events.push({
					topic: 'quarantine',
					audience: 'staff',
					payload: { batchId, count: rejected.length, conflicts }
				});
			}
			if (options.resubmission) {
				if (rejected.length > 0) throw new ResubmissionRejected(ack);
				events.push(await resolveResubmitted(tx, options.resubmission, batchId));
			}
		}
		const batchRows = outcomes.map(({ pending: p, rejected }) => ({
			batch_id: p.request.batchId,
			record_count: p.request.records.length,
			rejected_count: rejected.length,
			ack: acks.get(p.request.batchId)!,
			duration_ms: Math.round(performance.now() - p.started)
		}));
		await tx.execute(sql`insert into ingest_batch (batch_id, kind, source, record_count, accepted, duplicates,
				rejected_count, ack, duration_ms)
			select batch_id, ${kind}, ${options.source}, record_count, (ack->>'accepted')::int, (ack->>'duplicates')::int,
				rejected_count, ack, duration_ms
			from jsonb_to_recordset(${storableJson(batchRows)}::jsonb)
				as x(batch_id text, record_count int, rejected_count int, ack jsonb, duration_ms int)`);
		// A staff correction says nothing about whether the source's feed is alive: no feed status.
		if (!options.resubmission) {
			const accepted = outcomes.reduce((n, o) => n + o.outcome.accepted, 0);
			events.push(await updateFeedStatus(tx, kind, ctx.batchId, accepted, stored.lastRecordAt));
		}
		return { result: group.map((p) => acks.get(p.request.batchId)!), events };
	});
}

/** Stores a group's valid records: payments in one statement, any other kind one batch alone. */
async function storeGroup(
	ctx: StoreContext,
	group: Pending[]
): Promise<Omit<StoredPayments, 'inserted'> & { inserted?: PaymentRecord[] }> {
	if (group[0].request.kind === 'payment')
		return storePayments(
			ctx,
			group.map((p) => p.payments!)
		);
	if (group.length !== 1) throw new Error('only payment batches are committed in groups');
	const [p] = group;
	const kind = p.request.kind as Exclude<RecordKind, 'payment'>;
	const store = STORES[kind] as Store<typeof kind>;
	const result =
		p.valid.length > 0
			? await store(ctx, p.valid as Item<RecordByKind[typeof kind]>[])
			: emptyResult();
	return { batches: [result], events: result.events, lastRecordAt: result.lastRecordAt };
}

/**
 * What the alert rules see of a group: its valid records and rejects as one batch, indexes offset
 * by the batches before (so a conflict's index still names its record).
 */
function groupTouch(
	kind: RecordKind,
	outcomes: { pending: Pending; outcome: BatchOutcome; rejected: Rejection[] }[],
	stored: { inserted?: PaymentRecord[]; lastRecordAt?: Date }
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
		inserted: stored.inserted
	};
}

/** The source's feed status after this batch, and the live event that tells open pages. */
async function updateFeedStatus(
	tx: Executor,
	kind: RecordKind,
	batchId: string,
	accepted: number,
	lastRecordAt: Date | undefined
): Promise<Omit<LiveEvent<'feed'>, 'seq' | 'at'>> {
	const [f] = await rows<{ received_at: string; last_record_at: string | null }>(
		tx,
		sql`insert into feed_status as f (source, last_received_at, last_record_at, last_batch_id, total_records)
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

async function resolveResubmitted(
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

function emptyResult(): StoreResult {
	return { accepted: 0, duplicates: 0, rejected: [], events: [] };
}

async function quarantine(
	tx: Executor,
	batchId: string,
	kind: RecordKind,
	rejected: (Rejection & { raw: unknown })[]
) {
	if (rejected.length === 0) return;
	const input = rejected.map((r) => ({
		record_index: r.index,
		record_id: r.id ?? null,
		raw: r.raw === undefined ? null : r.raw,
		reason: r.reason
	}));
	await tx.execute(sql`insert into quarantine (batch_id, kind, record_index, record_id, raw, reason)
		select ${batchId}, ${kind}, record_index, record_id, raw, reason
		from jsonb_to_recordset(${storableJson(input)}::jsonb) as x(record_index int, record_id text, raw jsonb, reason text)`);
}

/**
 * PostgreSQL's jsonb cannot hold U+0000 or a lone surrogate; quarantine keeps them visibly as the
 * text "\u0000" / "\ud800" instead of failing the batch.
 */
function storableJson(value: unknown): string {
	return JSON.stringify(value).replace(/\\u(0000|d[89a-f][0-9a-f]{2})/gi, '\\\\u$1');
}

/**
 * The JSON size of a record, or a bound on it when that is clearly under the limit: a flat record's
 * JSON is at most 6 bytes per character of its keys and strings (\u00XX escapes) plus punctuation,
 * so the common record skips the exact (stringify) measure.
 */
function jsonSize(raw: unknown): number {
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
		let bound = 2;
		let flat = true;
		for (const key in raw) {
			const v = (raw as Record<string, unknown>)[key];
			if (typeof v === 'string') bound += 6 * (key.length + v.length) + 6;
			else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
				bound += 6 * key.length + 30;
			else {
				flat = false;
				break;
			}
		}
		if (flat && bound <= MAX_RECORD_BYTES) return bound;
	}
	return exactJsonSize(raw);
}

function exactJsonSize(raw: unknown): number {
	try {
		return Buffer.byteLength(JSON.stringify(raw) ?? '');
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** A record too large to keep whole keeps its first 16 KiB as text, so the reason stays visible. */
function truncatedRaw(raw: unknown): unknown {
	let text: string;
	try {
		text = JSON.stringify(raw) ?? String(raw);
	} catch {
		text = String(raw);
	}
	return { truncated: true, bytes: Buffer.byteLength(text), head: text.slice(0, MAX_RECORD_BYTES) };
}
