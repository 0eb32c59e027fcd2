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
import { storePayments } from './payments';
import { storePlans } from './plans';
import { storeUnits } from './units';
import { storeRevenue } from './revenue';
import { storeAssets } from './assets';
import { evaluateOnIngest } from '../alerts/on-ingest';
import type { Item, Rejection, StoreContext, StoreResult } from './types';

/** One writer at a time across all app servers: ingest order is commit order is seq order. */
export const INGEST_LOCK = 7_042_302;

type Store<K extends RecordKind> = (ctx: StoreContext, items: Item<RecordByKind[K]>[]) => Promise<StoreResult>;

const STORES: { [K in RecordKind]?: Store<K> } = {
	unit: storeUnits,
	plan: storePlans,
	payment: storePayments,
	revenue: storeRevenue,
	asset: storeAssets
};

export interface IngestOptions {
	/** Who sent it: the ingest key's name. */
	source: string;
	tz: string;
	live?: LiveHub;
	/** false: skip the alert rules for this batch (a bulk load that evaluates once at its end). */
	alerts?: boolean;
}

export type IngestOutcome = { ok: true; ack: IngestAck } | { ok: false; status: 400 | 503; error: IngestError };

/** Validates the envelope, then ingests. Used by the socket handler and the HTTP endpoint alike. */
export async function ingest(database: Database, body: unknown, options: IngestOptions): Promise<IngestOutcome> {
	const envelope = parseEnvelope(body);
	if (!envelope.ok) return { ok: false, status: 400, error: { batchId: envelope.batchId ?? '', error: envelope.error } };
	try {
		return { ok: true, ack: await ingestBatch(database, envelope.request, options) };
	} catch (err) {
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

	let committed: LiveEvent[] = [];
	const ack = await database.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${INGEST_LOCK})`);
		const prior = await rows<{ ack: IngestAck }>(tx, sql`select ack from ingest_batch where batch_id = ${batchId}`);
		if (prior.length > 0) return prior[0].ack;

		const ctx = { tx, batchId, tz: options.tz };
		const result = valid.length > 0 ? await store(ctx, valid) : emptyResult();
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
		const now = new Date();
		const events: Omit<LiveEvent, 'seq' | 'at'>[] = [
			...result.events,
			{
				topic: 'feed',
				audience: 'all',
				payload: { source: kind, receivedAt: now.toISOString(), records: request.records.length }
			}
		];
		if (rejected.length > 0)
			events.push({ topic: 'quarantine', audience: 'staff', payload: { batchId, count: rejected.length } });

		await tx.execute(sql`insert into ingest_batch (batch_id, kind, source, record_count, accepted, duplicates,
				rejected_count, ack, duration_ms)
			values (${batchId}, ${kind}, ${options.source}, ${request.records.length}, ${ack.accepted},
				${ack.duplicates}, ${rejected.length}, ${storableJson(ack)}::jsonb,
				${Math.round(performance.now() - started)})`);
		await tx.execute(sql`insert into feed_status as f (source, last_received_at, last_record_at, last_batch_id, total_records)
			values (${kind}, now(), ${result.lastRecordAt?.toISOString() ?? null}::timestamptz, ${batchId}, ${ack.accepted})
			on conflict (source) do update set last_received_at = excluded.last_received_at,
				last_record_at = greatest(f.last_record_at, excluded.last_record_at),
				last_batch_id = excluded.last_batch_id,
				total_records = f.total_records + excluded.total_records`);
		committed = await recordEvents(tx, events);
		return ack;
	});
	// Only after commit: the database, not the socket, is the source of truth.
	if (committed.length > 0) options.live?.publish(committed);
	return ack;
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

function jsonSize(raw: unknown): number {
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
