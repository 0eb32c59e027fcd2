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
import { judgeBulkYears } from './bulk-rules';
import { executionRollupUpsert, sealClosedMonths, sealMonth } from './execution-rollup';
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
	try {
		const started = performance.now();
		const answer = await commitChange(database.db, options.live, (tx) =>
			commitInTransaction(tx, load, parts, {
				...options,
				...bulkFaults,
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

/** The commit's transaction body; exported for tests/bench/bulk-commit.ts, which rolls it back. */
export async function commitInTransaction(
	tx: Executor,
	load: string,
	parts: number,
	options: Pick<IngestOptions, 'source' | 'tz'> & { failAfterInsert?: () => void; workMem: string }
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
	const changes = await insertLoad(tx, load, options.tz, totals.staged);
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

interface ChangeRow {
	year: number;
	budget_kind: string;
	amount: string;
	payments: number;
	dept_codes: string[];
	func_classes: string[];
	last_paid_at: string;
}

const toChange = (c: ChangeRow): ExecutionChange => ({
	year: c.year,
	budgetKind: c.budget_kind,
	amount: c.amount,
	payments: c.payments,
	deptCodes: c.dept_codes,
	funcClasses: c.func_classes
});

/**
 * The load's payments inserted, an id already stored skipped, and what was inserted kept by day and
 * codes in a temporary table (insertPayments); then the rollup month by month from it. Each month's
 * grouping sets fit in memory (over the whole load they spilled to disk and grew faster than the
 * load), and a month older than the newest with payments is sealed before its rows go in (from the
 * day rows stored before the load, if any), so its fine-level month rows are written with its day
 * rows instead of summed again from them afterwards. Returns a summary by year and budget kind.
 */
async function insertLoad(
	tx: Executor,
	load: string,
	tz: string,
	staged: number
): Promise<ChangeRow[]> {
	const timing = { insert: 0, rollup: 0, seal: 0 };
	let t = performance.now();
	await insertPayments(tx, load, tz, staged);
	timing.insert = performance.now() - t;
	// A month with no rollup row at the city level has none at any level (every rollup write adds the
	// city's): its rows go in by plain insert.
	const months = await rows<{ month: string; sealed: boolean; older: boolean; fresh: boolean }>(
		tx,
		sql`with m as (select distinct date_trunc('month', fiscal_date)::date as month from bulk_inserted),
			newest as (select greatest((select max(month) from m),
				(select max(period) from execution_rollup where level = 'city' and grain = 'm')) as month)
		select m.month::text as month, m.month in (select month from rollup_sealed_month) as sealed,
			m.month < (select month from newest) as older,
			not exists (select 1 from execution_rollup r
				where r.level = 'city' and r.grain = 'm' and r.period = m.month) as fresh
		from m order by 1`
	);
	for (const { month, sealed, older, fresh } of months) {
		if (older && !sealed) {
			t = performance.now();
			await tx.execute(sealMonth(month));
			timing.seal += performance.now() - t;
		}
		t = performance.now();
		await tx.execute(
			executionRollupUpsert(
				sql`(select * from bulk_inserted
				where fiscal_date >= ${month}::date and fiscal_date < (${month}::date + interval '1 month'))`,
				{ ordered: true, fresh }
			)
		);
		timing.rollup += performance.now() - t;
	}
	// The live event's summary, summed by department and class first: its distinct lists then come
	// from a few thousand rows instead of a sort of every payment of the load (1.4 s → 0.4–0.7 s at
	// 1,000,000).
	t = performance.now();
	const changes = await rows<ChangeRow>(
		tx,
		sql`select fiscal_year::int as year, budget_kind, sum(amount)::text as amount,
			sum(payments)::int as payments, array_agg(distinct dept_code) as dept_codes,
			array_agg(distinct func_class) as func_classes,
			to_char(max(last_paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_paid_at
		from (select fiscal_year, budget_kind, dept_code, left(func_code, 3) as func_class, sum(amount) as amount,
				sum(payment_count) as payments, max(last_paid_at) as last_paid_at
			from bulk_inserted group by 1, 2, 3, 4) g
		group by fiscal_year, budget_kind`
	);
	const summary = performance.now() - t;
	console.log(
		`[qiandai] bulk load ${load}: payments inserted in ${Math.round(timing.insert)} ms, rollup of ${months.length} months in ${Math.round(timing.rollup)} ms (sealing before: ${Math.round(timing.seal)} ms), summary in ${Math.round(summary)} ms`
	);
	return changes;
}

/**
 * Inserts the load's payments into payment and what was inserted into the temporary table
 * bulk_inserted. The insert is tried first as if every staged payment were new, in the stage's
 * order: when it inserted them all, bulk_inserted is filled from the stage itself. Otherwise (an id
 * stored before, or twice in the load) it is undone to its savepoint and done again in the load's
 * order (batch part, then place in batch: the first of two records with one id stays), with
 * bulk_inserted filled from the rows the insert returns. Carrying every inserted row out of the
 * insert and summing them cost several seconds a million payments, for a clean load for nothing.
 */
async function insertPayments(tx: Executor, load: string, tz: string, staged: number) {
	await tx.execute(sql`create temp table if not exists bulk_inserted (fiscal_date date, fiscal_year smallint,
			budget_kind text, dept_code text, agency_code text, func_code text, econ_code text, project_code text,
			amount numeric, payment_count int, last_paid_at timestamptz) on commit drop`);
	const insert = sql`insert into payment (id, paid_at, fiscal_date, fiscal_year, budget_kind, dept_code,
			agency_code, func_code, econ_code, project_code, amount, pay_type, payee, payee_kind, purpose,
			content_hash, batch_id)
		select s.id, s.paid_at, (s.paid_at at time zone ${tz})::date,
			extract(year from s.paid_at at time zone ${tz})::smallint, s.budget_kind, s.dept_code,
			coalesce(s.agency_code, ''), s.func_code, s.econ_code, coalesce(s.project_code, ''), s.amount,
			s.pay_type, s.payee, s.payee_kind, s.purpose, s.content_hash, s.batch_id
		from bulk_payment_stage s join bulk_batch b on b.batch_id = s.batch_id
		where b.load_id = ${load}`;
	await tx.execute(sql`savepoint bulk_insert`);
	const [all] = await rows<{ n: number }>(
		tx,
		sql`with ins as (${insert} on conflict (id) do nothing returning 1) select count(*)::int as n from ins`
	);
	if (all.n === staged) {
		await tx.execute(sql`release savepoint bulk_insert`);
		await tx.execute(sql`insert into bulk_inserted
			select (s.paid_at at time zone ${tz})::date, extract(year from s.paid_at at time zone ${tz})::smallint,
				s.budget_kind, s.dept_code, coalesce(s.agency_code, ''), s.func_code, s.econ_code,
				coalesce(s.project_code, ''), s.amount, 1, s.paid_at
			from bulk_payment_stage s join bulk_batch b on b.batch_id = s.batch_id
			where b.load_id = ${load}`);
		return;
	}
	await tx.execute(sql`rollback to savepoint bulk_insert`);
	await tx.execute(sql`with ins as (
			${insert}
			order by b.part, s.ord
			on conflict (id) do nothing
			returning paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code,
				project_code, amount
		)
		insert into bulk_inserted
		select fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code, project_code,
			sum(amount), count(*)::int, max(paid_at)
		from ins group by 1, 2, 3, 4, 5, 6, 7, 8`);
}

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
