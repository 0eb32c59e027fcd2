/**
 * What staff see of the ingest feed: per-source status, the batches received, and the quarantine,
 * where they re-submit a corrected record (through ingest, like any batch) or discard one.
 *
 * Usage: import * as feed from '$lib/server/feed'; const page = await feed.quarantined(db(), filter, tz);
 */
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import { isStale, STALE_AFTER_HOURS } from '../domain/feed';
import {
	QUARANTINE_PAGE_SIZE,
	type QuarantineFilter,
	type QuarantineStatus
} from '../domain/quarantine-filter';
import { MAX_RECORD_BYTES, RECORD_KINDS, type RecordKind } from '../domain/records';
import * as audit from './audit';
import { ingest } from './ingest/index';
import { commitChange } from './write-path';
import { runtime } from './runtime';

const ISO = (column: string) =>
	sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export interface SourceStatus {
	source: RecordKind;
	lastReceivedAt: string | null;
	lastRecordAt: string | null;
	lastBatchId: string | null;
	totalRecords: number;
	openQuarantine: number;
	/** Hours of silence after which the source counts as stale; null when it has no rhythm. */
	staleAfterHours: number | null;
	stale: boolean;
}

/** Every record kind, whether or not it has delivered yet. */
export async function sources(ex: Executor, now: Date = new Date()): Promise<SourceStatus[]> {
	const found = await rows<{
		source: string;
		last_received_at: string;
		last_record_at: string | null;
		last_batch_id: string | null;
		total_records: number;
	}>(
		ex,
		sql`select source, ${ISO('last_received_at')} as last_received_at, ${ISO('last_record_at')} as last_record_at,
			last_batch_id, total_records::float8 as total_records from feed_status`
	);
	const open = await rows<{ kind: string; n: number }>(
		ex,
		sql`select kind, count(*)::int as n from quarantine where status = 'open' group by kind`
	);
	const bySource = new Map(found.map((f) => [f.source, f]));
	const openBy = new Map(open.map((o) => [o.kind, o.n]));
	return RECORD_KINDS.map((source) => {
		const f = bySource.get(source);
		const lastReceivedAt = f?.last_received_at ?? null;
		return {
			source,
			lastReceivedAt,
			lastRecordAt: f?.last_record_at ?? null,
			lastBatchId: f?.last_batch_id ?? null,
			totalRecords: Number(f?.total_records ?? 0),
			openQuarantine: openBy.get(source) ?? 0,
			staleAfterHours: STALE_AFTER_HOURS[source] ?? null,
			stale: isStale(source, lastReceivedAt, now)
		};
	});
}

export interface BatchRow {
	batchId: string;
	kind: string;
	source: string;
	records: number;
	accepted: number;
	duplicates: number;
	rejected: number;
	durationMs: number | null;
	receivedAt: string;
}

export const BATCH_PAGE_SIZE = 25;

/** Received batches, newest first, a page at a time. */
export async function batches(
	ex: Executor,
	page: number
): Promise<{ rows: BatchRow[]; total: number; pages: number }> {
	const [{ total }] = await rows<{ total: number }>(
		ex,
		sql`select count(*)::int as total from ingest_batch`
	);
	const found = await rows<{
		batch_id: string;
		kind: string;
		source: string;
		record_count: number;
		accepted: number;
		duplicates: number;
		rejected_count: number;
		duration_ms: number | null;
		received_at: string;
	}>(
		ex,
		sql`select batch_id, kind, source, record_count, accepted, duplicates, rejected_count, duration_ms,
			${ISO('received_at')} as received_at
		from ingest_batch order by received_at desc, batch_id desc
		limit ${BATCH_PAGE_SIZE} offset ${(page - 1) * BATCH_PAGE_SIZE}`
	);
	return {
		total,
		pages: Math.max(1, Math.ceil(total / BATCH_PAGE_SIZE)),
		rows: found.map((b) => ({
			batchId: b.batch_id,
			kind: b.kind,
			source: b.source,
			records: b.record_count,
			accepted: b.accepted,
			duplicates: b.duplicates,
			rejected: b.rejected_count,
			durationMs: b.duration_ms,
			receivedAt: b.received_at
		}))
	};
}

export interface QuarantineEntry {
	id: number;
	batchId: string;
	kind: RecordKind;
	recordIndex: number | null;
	recordId: string | null;
	/** The raw record as indented JSON text: shown as text, never as markup. */
	raw: string;
	reason: string;
	receivedAt: string;
	status: QuarantineStatus;
	resolvedAt: string | null;
	/** Who resolved the entry (staff), or null while it is open. */
	resolvedBy: { username: string; displayName: string | null } | null;
	resolvedBatchId: string | null;
}

type RawEntry = {
	id: number;
	batch_id: string;
	kind: RecordKind;
	record_index: number | null;
	record_id: string | null;
	raw: string | null;
	reason: string;
	received_at: string;
	status: QuarantineStatus;
	resolved_at: string | null;
	resolved_by: string | null;
	resolved_by_username: string | null;
	resolved_batch_id: string | null;
};

const ENTRY = sql`select q.id::int as id, q.batch_id, q.kind, q.record_index, q.record_id, q.raw::text as raw, q.reason,
		${ISO('q.received_at')} as received_at, q.status, ${ISO('q.resolved_at')} as resolved_at,
		u.display_name as resolved_by, u.username as resolved_by_username, q.resolved_batch_id
	from quarantine q left join app_user u on u.id = q.resolved_by`;

function toEntry(r: RawEntry): QuarantineEntry {
	return {
		id: r.id,
		batchId: r.batch_id,
		kind: r.kind,
		recordIndex: r.record_index,
		recordId: r.record_id,
		raw: prettyJson(r.raw),
		reason: r.reason,
		receivedAt: r.received_at,
		status: r.status,
		resolvedAt: r.resolved_at,
		resolvedBy: r.resolved_by_username
			? { username: r.resolved_by_username, displayName: r.resolved_by }
			: null,
		resolvedBatchId: r.resolved_batch_id
	};
}

function prettyJson(text: string | null): string {
	if (text === null) return '';
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		return text;
	}
}

/** Quarantined records matching the filter, newest first; receipt dates are fiscal dates in `tz`. */
export async function quarantined(
	ex: Executor,
	f: QuarantineFilter,
	tz: string
): Promise<{ rows: QuarantineEntry[]; total: number; pages: number }> {
	const where: SQL[] = [];
	if (f.status !== 'all') where.push(sql`q.status = ${f.status}`);
	if (f.kind) where.push(sql`q.kind = ${f.kind}`);
	if (f.batch) where.push(sql`q.batch_id = ${f.batch}`);
	if (f.q) {
		const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		where.push(sql`(q.reason ilike ${pattern} or q.record_id ilike ${pattern})`);
	}
	if (f.from) where.push(sql`q.received_at >= (${f.from}::date::timestamp at time zone ${tz})`);
	if (f.to) where.push(sql`q.received_at < ((${f.to}::date + 1)::timestamp at time zone ${tz})`);
	const cond = where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
	const [{ total }] = await rows<{ total: number }>(
		ex,
		sql`select count(*)::int as total from quarantine q ${cond}`
	);
	const found = await rows<RawEntry>(
		ex,
		sql`${ENTRY} ${cond} order by q.received_at desc, q.id desc
			limit ${QUARANTINE_PAGE_SIZE} offset ${(f.page - 1) * QUARANTINE_PAGE_SIZE}`
	);
	return {
		rows: found.map(toEntry),
		total,
		pages: Math.max(1, Math.ceil(total / QUARANTINE_PAGE_SIZE))
	};
}

export async function entry(ex: Executor, id: number): Promise<QuarantineEntry | null> {
	const [r] = await rows<RawEntry>(ex, sql`${ENTRY} where q.id = ${id}`);
	return r ? toEntry(r) : null;
}

export type Actor = { id: number; username: string };

export type ResubmitOutcome =
	| { ok: true; batchId: string; accepted: number; duplicates: number }
	| {
			ok: false;
			problem: 'notFound' | 'notOpen' | 'json' | 'tooLarge' | 'rejected' | 'unavailable';
			reason?: string;
	  };

/**
 * Re-submits a corrected record: the edited JSON goes through `ingest()` as a batch of one, under a
 * new batch id, with the quarantined entry's kind. Stored (or already stored: a duplicate) → the entry
 * is marked resubmitted with who and when; rejected again → nothing changes and the reason says why.
 */
export async function resubmit(input: {
	actor: Actor;
	id: number;
	json: string;
	ip?: string;
}): Promise<ResubmitOutcome> {
	const { database, config, live } = runtime();
	const current = await entry(database.db, input.id);
	if (!current) return { ok: false, problem: 'notFound' };
	if (current.status !== 'open') return { ok: false, problem: 'notOpen' };
	if (Buffer.byteLength(input.json) > MAX_RECORD_BYTES)
		return {
			ok: false,
			problem: 'tooLarge',
			reason: `record: over the ${MAX_RECORD_BYTES}-byte limit for one record`
		};
	let record: unknown;
	try {
		record = JSON.parse(input.json);
	} catch (err) {
		return { ok: false, problem: 'json', reason: (err as Error).message };
	}
	const batchId = `resubmit-q${input.id}-${Date.now()}-${randomBytes(3).toString('hex')}`;
	const outcome = await ingest(
		database,
		{ batchId, kind: current.kind, records: [record] },
		{
			source: `staff:${input.actor.username}`,
			tz: config.fiscalTz,
			live,
			alerts: config.alertsOnIngest,
			resubmission: { quarantineId: input.id, actor: input.actor, ip: input.ip }
		}
	);
	if (!outcome.ok) return { ok: false, problem: 'unavailable', reason: outcome.error.error };
	const { ack } = outcome;
	if (ack.rejected.length > 0) {
		const reason = ack.rejected.map((r) => r.reason).join('; ');
		return {
			ok: false,
			problem: reason.startsWith('quarantine:') ? 'notOpen' : 'rejected',
			reason
		};
	}
	return { ok: true, batchId, accepted: ack.accepted, duplicates: ack.duplicates };
}

/** Discards an open entry (it will not be stored), with who and when, in the audit log too. */
export async function discard(input: {
	actor: Actor;
	id: number;
	ip?: string;
}): Promise<'notOpen' | null> {
	const { database, live } = runtime();
	const discarded = await commitChange(database.db, live, async (tx) => {
		const done = await rows<{ id: number; batch_id: string }>(
			tx,
			sql`update quarantine set status = 'discarded', resolved_at = now(), resolved_by = ${input.actor.id}
				where id = ${input.id} and status = 'open' returning id::int as id, batch_id`
		);
		if (done.length === 0) return { result: false };
		await audit.record(tx, {
			actor: input.actor,
			action: 'quarantine.discarded',
			target: `quarantine:${input.id}`,
			detail: { batchId: done[0].batch_id },
			ip: input.ip
		});
		return {
			result: true,
			events: [
				{
					topic: 'quarantine',
					audience: 'staff',
					payload: { batchId: done[0].batch_id, count: 0, conflicts: 0, resolved: [input.id] }
				}
			]
		};
	});
	return discarded ? null : 'notOpen';
}
