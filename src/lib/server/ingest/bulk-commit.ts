/**
 * Bulk loads, second half: the commit. One transaction (under the commit-order lock, like every
 * change) moves a load's staged payments into payment in the load's order (the first of two
 * records with one id stays), adds them to the rollup month by month (sealing the months behind
 * as it goes), quarantines id conflicts, empties the load's staging rows and records the load in
 * bulk_load with its answer, which a re-sent commit gets back. Either all of a load is counted or
 * none of it. With `evaluate`, the alert rules then judge every year loaded in bulk and not judged
 * yet, once each (bulk-rules.ts).
 */
import { sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../db/client';
import type { BulkCommitAnswer, BulkError } from '../../ingest/events';
import type { ExecutionChange } from '../../live/events';
import { commitChange, type NewLiveEvent } from '../write-path';
import { logBatchesStatement } from './batch-log';
import { insertLoad, stagedPayments } from './bulk-insert';
import { computeRollupAside, type LoadSummaryRow, type RollupAside } from './bulk-rollup-aside';
import { judgeBulkYears } from './bulk-rules';
import { sealClosedMonths } from './execution-rollup';
import { updateFeedStatus } from './feed-status';
import { quarantine, storableJson } from './quarantine';
import type { IngestOptions } from './types';

const LOAD_ID = /^[\w.:@-]{1,200}$/;

export type BulkCommitOutcome =
	{ ok: true; answer: BulkCommitAnswer } | { ok: false; status: 400 | 503; error: BulkError };

/** Commits a load (untrusted body `{ load, evaluate }`) and answers; the stored answer for a load committed before. */
export async function commitBulkLoad(
	database: Database,
	body: unknown,
	options: Pick<IngestOptions, 'source' | 'tz' | 'live' | 'alerts'>
): Promise<BulkCommitOutcome> {
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const load = typeof b.load === 'string' && LOAD_ID.test(b.load) ? b.load : undefined;
	if (!load)
		return { ok: false, status: 400, error: { load: '', error: 'load: must be a load id' } };
	const parts = Number.isInteger(b.parts) && (b.parts as number) >= 0 ? (b.parts as number) : -1;
	if (parts < 0)
		return { ok: false, status: 400, error: { load, error: 'parts: must be a count of batches' } };
	// PostgreSQL: the rollup's rows computed on another connection while the transaction inserts
	// the payments (bulk-rollup-aside.ts). PGlite has one connection.
	const aside =
		database.kind === 'postgres'
			? computeRollupAside(database.db, stagedPayments(load, options.tz))
			: undefined;
	try {
		const started = performance.now();
		const answer = await commitChange(database.db, options.live, (tx) =>
			commitInTransaction(tx, load, parts, {
				...options,
				...bulkFaults,
				aside: aside?.done,
				workMem: database.kind === 'postgres' ? '256MB' : '64MB'
			})
		);
		const committed = performance.now();
		if (b.evaluate === true && options.alerts !== false)
			answer.evaluated = await judgeBulkYears(database, options);
		console.log(
			`[qiandai] bulk load ${load}: ${answer.accepted} payments committed in ${Math.round(committed - started)} ms${answer.evaluated.length > 0 ? `, rules over ${answer.evaluated.join(', ')} in ${Math.round(performance.now() - committed)} ms` : ''}`
		);
		return { ok: true, answer };
	} catch (err) {
		const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
		console.error(`[ingest] bulk load ${load} not committed, nothing counted:`, reason);
		return {
			ok: false,
			status: 503,
			error: { load, error: `not committed, retry later: ${reason}` }
		};
	} finally {
		// After the transaction: it held its tables until it ended.
		await aside?.drop().catch((err: Error) => {
			console.error(`[ingest] bulk load ${load}: its rollup tables were not dropped:`, err.message);
		});
	}
}

/**
 * Fault injection for tests (tests/integration/bulk-load.test.ts): `failAfterInsert` runs inside
 * the commit transaction after the payments and rollup are written; a throw rolls it all back.
 * `beforeStage` runs before a `bulk:batch` is staged (server/realtime/ingest-bulk.ts) and may hold
 * it; false drops it unanswered, as a lost connection would.
 */
export const bulkFaults: {
	failAfterInsert?: () => void;
	beforeStage?: () => Promise<boolean>;
} = {};

interface Totals {
	batches: number;
	staged: number;
	records: number;
	rejected: number;
}

type CommitOptions = Pick<IngestOptions, 'source' | 'tz'> & {
	failAfterInsert?: () => void;
	workMem: string;
	/** The load's rollup rows computed aside (bulk-rollup-aside.ts), used when every staged payment goes in. */
	aside?: Promise<RollupAside>;
};

/** The commit's transaction body; exported for tests/bench/bulk-commit.ts, which rolls it back. */
export async function commitInTransaction(
	tx: Executor,
	load: string,
	parts: number,
	options: CommitOptions
): Promise<{ result: BulkCommitAnswer; events?: NewLiveEvent[] }> {
	const [done] = await rows<{ answer: BulkCommitAnswer }>(
		tx,
		sql`select answer from bulk_load where load_id = ${load}`
	);
	if (done) return { result: { ...done.answer, evaluated: [] } };
	const [totals] = await rows<Totals>(
		tx,
		sql`select count(*)::int as batches, coalesce(sum(staged), 0)::int as staged,
			coalesce(sum(record_count), 0)::int as records,
			coalesce(sum(jsonb_array_length(ack->'rejected')), 0)::int as rejected
		from bulk_batch where load_id = ${load}`
	);
	// Sent by a worker only once every batch is acknowledged: anything else is a sender's mistake.
	if (totals.batches !== parts)
		throw new Error(`load ${load} is incomplete: ${totals.batches} of ${parts} batches staged`);
	// The staging table is filled and emptied whole: without fresh statistics the planner guesses its size.
	await tx.execute(sql`analyze bulk_payment_stage`);
	// A month of a large year is hundreds of thousands of keys in each grouping set: in the default
	// 4 MB the rollup's hash tables spill to disk many times over (docs/performance.md).
	await tx.execute(sql.raw(`set local work_mem = '${options.workMem}'`));
	const changes = await insertLoad(tx, load, options.tz, totals.staged, options.aside);
	options.failAfterInsert?.();
	const accepted = changes.reduce((n, c) => n + c.payments, 0);
	const conflicts = accepted < totals.staged ? await conflictsOf(tx, load) : [];
	const duplicates = totals.staged - accepted - conflicts.length;
	if (accepted > 0) await sealClosedMonths(tx);
	await quarantineConflicts(tx, conflicts);
	await emptyStage(tx, load);
	const answer: BulkCommitAnswer = {
		load,
		batches: totals.batches,
		staged: totals.staged,
		accepted,
		duplicates,
		conflicts: conflicts.map(({ raw: _raw, ...c }) => c),
		years: [...new Set(changes.map((c) => c.year))].sort(),
		evaluated: []
	};
	await recordLoad(tx, answer, totals, options.source);
	const events: NewLiveEvent[] = [];
	if (changes.length > 0)
		events.push({
			topic: 'execution',
			audience: 'all',
			payload: { changes: changes.map(toChange) }
		});
	if (totals.rejected + conflicts.length > 0)
		events.push({
			topic: 'quarantine',
			audience: 'staff',
			payload: {
				batchId: `bulk:${load}`,
				count: totals.rejected + conflicts.length,
				conflicts: conflicts.length
			}
		});
	const last = changes
		.map((c) => c.last_paid_at)
		.sort()
		.at(-1);
	events.push(
		await updateFeedStatus(
			tx,
			'payment',
			`bulk:${load}`,
			accepted,
			last ? new Date(last) : undefined
		)
	);
	return { result: answer, events };
}

const toChange = (c: LoadSummaryRow): ExecutionChange => ({
	year: c.year,
	budgetKind: c.budget_kind,
	amount: c.amount,
	payments: c.payments,
	deptCodes: c.dept_codes,
	funcClasses: c.func_classes
});

interface ConflictRow {
	batchId: string;
	index: number;
	id: string;
	reason: string;
	raw: unknown;
}

/**
 * Staged payments not inserted whose id is stored with other content (by an earlier load, a live
 * batch, or an earlier batch of this load): conflicts, the first stays. The rest are duplicates.
 */
async function conflictsOf(tx: Executor, load: string): Promise<ConflictRow[]> {
	const found = await rows<{ batch_id: string; ord: number; id: string; raw: unknown }>(
		tx,
		sql`select s.batch_id, s.ord, s.id, jsonb_strip_nulls(jsonb_build_object('id', s.id,
				'paidAt', to_char(s.paid_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
				'budgetKind', s.budget_kind, 'deptCode', s.dept_code, 'agencyCode', s.agency_code,
				'funcCode', s.func_code, 'econCode', s.econ_code, 'projectCode', s.project_code,
				'amount', s.amount::text, 'payType', s.pay_type, 'payee', s.payee, 'payeeKind', s.payee_kind,
				'purpose', s.purpose)) as raw
		from bulk_payment_stage s join bulk_batch b on b.batch_id = s.batch_id join payment p on p.id = s.id
		where b.load_id = ${load} and p.batch_id <> s.batch_id and p.content_hash <> s.content_hash
		order by b.part, s.ord`
	);
	return found.map((r) => ({
		batchId: r.batch_id,
		index: r.ord,
		id: r.id,
		reason: `conflict: id ${r.id} — payment already stored with different content; the first stays`,
		raw: r.raw
	}));
}

async function quarantineConflicts(tx: Executor, conflicts: ConflictRow[]): Promise<void> {
	const byBatch = new Map<string, ConflictRow[]>();
	for (const c of conflicts) {
		const list = byBatch.get(c.batchId);
		if (list) list.push(c);
		else byBatch.set(c.batchId, [c]);
	}
	for (const [batchId, list] of byBatch) await quarantine(tx, batchId, 'payment', list);
}

/** Removes the load's staging rows: the whole table at once when no other load is staged. */
async function emptyStage(tx: Executor, load: string): Promise<void> {
	const [other] = await rows<{ staged: boolean }>(
		tx,
		sql`select exists (select 1 from bulk_batch b where b.load_id <> ${load} and b.staged > 0
			and not exists (select 1 from bulk_load l where l.load_id = b.load_id)) as staged`
	);
	if (other.staged)
		await tx.execute(sql`delete from bulk_payment_stage
			where batch_id in (select batch_id from bulk_batch where load_id = ${load})`);
	else await tx.execute(sql`truncate bulk_payment_stage`);
}

/** The load in bulk_load (its answer, its years still to judge) and in the feed's batch list. */
async function recordLoad(
	tx: Executor,
	answer: BulkCommitAnswer,
	totals: Totals,
	source: string
): Promise<void> {
	await tx.execute(sql`insert into bulk_load (load_id, source, batches, staged, accepted, duplicates,
			conflicts, years, answer)
		values (${answer.load}, ${source}, ${answer.batches}, ${answer.staged}, ${answer.accepted},
			${answer.duplicates}, ${answer.conflicts.length},
			array(select jsonb_array_elements_text(${JSON.stringify(answer.years)}::jsonb)::smallint),
			${storableJson(answer)}::jsonb)`);
	const rejected = answer.conflicts.map(({ index, id, reason }) => ({ index, id, reason }));
	await tx.execute(
		logBatchesStatement('payment', source, [
			{
				batch_id: `bulk:${answer.load}`,
				record_count: totals.records,
				rejected_count: totals.rejected + rejected.length,
				ack: {
					batchId: `bulk:${answer.load}`,
					accepted: answer.accepted,
					duplicates: answer.duplicates,
					rejected
				},
				duration_ms: 0
			}
		])
	);
}
