/**
 * One batch in, one acknowledgement out. The batch is validated, then stored in one transaction
 * (records, rollups, quarantine, feed status, live events); the ack is returned only after commit.
 * Re-sending a batchId returns the stored ack and stores nothing twice.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../db/client';
import {
	MAX_RECORD_BYTES,
	parseEnvelope,
	rawRecordId,
	validateRecord,
	type IngestAck,
	type IngestError,
	type IngestRequest,
	type RecordByKind,
	type RecordKind
} from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import type { LiveHub } from '../runtime';
import { preparePayments, storePayments } from './payments';
import { storePlans } from './plans';
import { storeUnits } from './units';
import { storeRevenue } from './revenue';
import { storeAssets } from './assets';
import { evaluateOnIngest } from '../alerts/on-ingest';
import * as audit from '../audit';
import type { Item, Rejection, StoreContext, StoreResult } from './types';

/** One writer at a time across all app servers: ingest order is commit order is seq order. */
export const INGEST_LOCK = 7_042_302;

/**
 * A kind's store in two steps: what can be done before the batch takes the ingest lock (CPU work on
 * its records), returning what runs inside the transaction.
 */
type Store<K extends RecordKind> = (items: Item<RecordByKind[K]>[]) => (ctx: StoreContext) => Promise<StoreResult>;

const STORES: { [K in RecordKind]?: Store<K> } = {
	unit: (items) => (ctx) => storeUnits(ctx, items),
	plan: (items) => (ctx) => storePlans(ctx, items),
	payment: (items) => {
		const prepared = preparePayments(items);
		return (ctx) => storePayments(ctx, prepared);
	},
	revenue: (items) => (ctx) => storeRevenue(ctx, items),
	asset: (items) => (ctx) => storeAssets(ctx, items)
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

export type IngestOutcome = { ok: true; ack: IngestAck } | { ok: false; status: 400 | 413 | 503; error: IngestError };

/** Validates the envelope, then ingests. Used by the socket handler and the HTTP endpoint alike. */
export async function ingest(database: Database, body: unknown, options: IngestOptions): Promise<IngestOutcome> {
	const envelope = parseEnvelope(body);
	if (!envelope.ok)
		return { ok: false, status: envelope.tooLarge ? 413 : 400, error: { batchId: envelope.batchId ?? '', error: envelope.error } };
	try {
		return { ok: true, ack: await ingestBatch(database, envelope.request, options) };
	} catch (err) {
		if (err instanceof ResubmissionRejected) return { ok: true, ack: err.ack };
		console.error(`[ingest] batch ${envelope.request.batchId} failed, nothing stored:`, (err as Error).message);
		return {
			ok: false,
			status: 503,
			error: { batchId: envelope.request.batchId, error: `not stored, retry later: ${(err as Error).message}` }
		};
	}
}

export async function ingestBatch(database: Database, request: IngestRequest, options: IngestOptions): Promise<IngestAck> {
	const started = performance.now();
	const { batchId, kind } = request;
	const valid: Item<RecordByKind[typeof kind]>[] = [];
	const invalid: (Rejection & { raw: unknown })[] = [];
	request.records.forEach((raw, index) => {
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

	const store = STORES[kind] as Store<typeof kind> | undefined;
	if (!store) throw new Error(`kind ${kind} is not supported by this server yet`);
	const stored = valid.length > 0 ? store(valid) : undefined;

	let committed: LiveEvent[] = [];
	const ack = await database.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${INGEST_LOCK})`);
		const prior = await rows<{ ack: IngestAck }>(tx, sql`select ack from ingest_batch where batch_id = ${batchId}`);
		if (prior.length > 0) return prior[0].ack;

		const ctx = { tx, batchId, tz: options.tz };
		const result = stored ? await stored(ctx) : emptyResult();
		const rejected = [...invalid, ...result.rejected].sort((a, b) => a.index - b.index);
		await quarantine(tx, batchId, kind, rejected);
		// Alert rules re-evaluate what this batch touched (quarantine included), in the same transaction.
		if (options.alerts !== false)
			result.events.push(...(await evaluateOnIngest(ctx, { kind, result, rejected: rejected.length, records: valid })));

		const ack: IngestAck = {
			batchId,
			accepted: result.accepted,
			duplicates: result.duplicates,
			rejected: rejected.map(({ index, id, reason }) => (id === undefined ? { index, reason } : { index, id, reason }))
		};
		const events: Omit<LiveEvent, 'seq' | 'at'>[] = [...result.events];
		if (rejected.length > 0) {
			// Conflicts are a data-quality signal of their own: the alert engine reads them from quarantine.
			const conflicts = rejected.filter((r) => r.reason.startsWith('conflict:')).length;
			events.push({ topic: 'quarantine', audience: 'staff', payload: { batchId, count: rejected.length, conflicts } });
		}
		if (options.resubmission) {
			if (rejected.length > 0) throw new ResubmissionRejected(ack);
			events.push(await resolveResubmitted(tx, options.resubmission, batchId));
		}

		await tx.execute(sql`insert into ingest_batch (batch_id, kind, source, record_count, accepted, duplicates,
				rejected_count, ack, duration_ms)
			values (${batchId}, ${kind}, ${options.source}, ${request.records.length}, ${ack.accepted},
				${ack.duplicates}, ${rejected.length}, ${storableJson(ack)}::jsonb,
				${Math.round(performance.now() - started)})`);
		// A staff correction says nothing about whether the source's feed is alive: no feed status.
		if (!options.resubmission) events.push(await updateFeedStatus(tx, kind, batchId, ack.accepted, result.lastRecordAt));
		committed = await recordEvents(tx, events);
		return ack;
	});
	// Only after commit: the database, not the socket, is the source of truth.
	if (committed.length > 0) options.live?.publish(committed);
	return ack;
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
		payload: { source: kind, receivedAt: f.received_at, records: accepted, lastRecordAt: f.last_record_at }
	};
}

async function resolveResubmitted(tx: Executor, r: Resubmission, batchId: string): Promise<Omit<LiveEvent<'quarantine'>, 'seq' | 'at'>> {
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
			rejected: [{ index: 0, reason: 'quarantine: this entry is no longer open (resolved by someone else)' }]
		});
	await audit.record(tx, {
		actor: r.actor,
		action: 'quarantine.resubmitted',
		target: `quarantine:${r.quarantineId}`,
		detail: { batchId },
		ip: r.ip
	});
	return { topic: 'quarantine', audience: 'staff', payload: { batchId, count: 0, conflicts: 0, resolved: [r.quarantineId] } };
}

function emptyResult(): StoreResult {
	return { accepted: 0, duplicates: 0, rejected: [], events: [] };
}

/** Appends live events in the caller's transaction; seq order is commit order under the ingest lock. */
export async function recordEvents(tx: Executor, events: Omit<LiveEvent, 'seq' | 'at'>[]): Promise<LiveEvent[]> {
	if (events.length === 0) return [];
	const input = events.map((e, ord) => ({ ord, topic: e.topic, audience: e.audience, payload: e.payload }));
	const stored = await rows<{ seq: number }>(
		tx,
		sql`insert into live_event (topic, audience, payload)
			select topic, audience, payload
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(ord int, topic text, audience text, payload jsonb)
			order by ord
			returning seq::int as seq`
	);
	const at = new Date().toISOString();
	return events.map((e, i) => ({ ...e, seq: Number(stored[i].seq), at }) as LiveEvent);
}

async function quarantine(tx: Executor, batchId: string, kind: RecordKind, rejected: (Rejection & { raw: unknown })[]) {
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
			else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) bound += 6 * key.length + 30;
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
