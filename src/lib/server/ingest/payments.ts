// Stores payments and their rollup (a COPY, then one statement), inside the transaction of the batch (or group of batches).
import { sql } from 'drizzle-orm';
import { anyText, rows, textArray } from '../../../../db/client';
import { copyInto, copyLine } from '../../../../db/copy';
import { fenToYuan } from '../../domain/money';
import type { PaymentRecord } from '../../domain/records';
import type { ExecutionChange } from '../../live/events';
import { executionRollupUpsert, sealClosedMonths } from './execution-rollup';
import { contentHash } from './hash';
import { forEachInSlices } from './slices';
import { conflictOf, partitionById } from './duplicates';
import type { Item, Rejection, StoreContext, StoreResult } from './types';

/** What a payment says, in a fixed order: its hash is over these, and its COPY line starts with them. */
function contentFields(p: PaymentRecord): (string | undefined)[] {
	return [
		p.id,
		p.paidAt.toISOString(),
		p.budgetKind,
		p.deptCode,
		p.agencyCode,
		p.funcCode,
		p.econCode,
		p.projectCode,
		fenToYuan(p.amount),
		p.payType,
		p.payee,
		p.payeeKind,
		p.purpose
	];
}

/** A batch of payments made ready to store: hashed, repeats within it settled, its COPY input built. */
export interface PreparedPayments {
	batchId: string;
	fresh: Item<PaymentRecord & { hash: string }>[];
	duplicates: number;
	conflicts: (Rejection & { raw: unknown })[];
	/** The fresh payments as lines of COPY text for payment_input, in batch order ('' for none). */
	input: string;
}

/**
 * The staging table a group's payments are COPYed into: contentFields, then content_hash, batch_id
 * and `ord`, a payment's place in its batch (its index). Temporary, emptied at commit.
 */
const INPUT_TABLE: readonly (readonly [column: string, type: string])[] = [
	['id', 'text'],
	['paid_at', 'timestamptz'],
	['budget_kind', 'text'],
	['dept_code', 'text'],
	['agency_code', 'text'],
	['func_code', 'text'],
	['econ_code', 'text'],
	['project_code', 'text'],
	['amount', 'numeric'],
	['pay_type', 'text'],
	['payee', 'text'],
	['payee_kind', 'text'],
	['purpose', 'text'],
	['content_hash', 'text'],
	['batch_id', 'text'],
	['ord', 'int']
];
/** The COPY columns of a batch's payment input (PreparedPayments.input), in order. */
export const INPUT_COLUMNS = INPUT_TABLE.map(([column]) => column);
/** The same columns as jsonb_to_recordset's record type: a small group's input, sent as one parameter. */
const INPUT_RECORD = sql.raw(`x(${INPUT_TABLE.map(([c, t]) => `${c} ${t}`).join(', ')})`);
/**
 * A group of at most this many fresh payments (a live feed's one-payment batches) is sent as one
 * JSON parameter of the insert itself: no staging table to make sure of and no COPY, two statements
 * fewer a batch. Larger groups go by COPY, for which JSON cost more than the insert.
 */
export const SMALL_GROUP_PAYMENTS = 50;
const CREATE_INPUT_TABLE = sql.raw(
	`create temp table if not exists payment_input (${INPUT_TABLE.map(([c, t]) => `${c} ${t}`).join(', ')}) on commit delete rows`
);

/**
 * The CPU work of a payment batch (hashing, the COPY text the statement reads), done before the
 * batch reaches the writer: it then overlaps the database work of the batches ahead of it. Done in
 * slices (forEachInSlices), so the writer's I/O is not held up behind it.
 */
export async function preparePayments(
	batchId: string,
	items: Item<PaymentRecord>[]
): Promise<PreparedPayments> {
	// A payment's content fields are made once: its hash is over them and its COPY line starts with
	// them. The validated record takes the hash (no copy of it), and only the line's text is kept.
	const hashed = new Array<Item<PaymentRecord & { hash: string }> & { line: string }>(items.length);
	await forEachInSlices(items.length, (i) => {
		const { index, record, raw } = items[i];
		const fields = contentFields(record);
		const withHash = record as PaymentRecord & { hash: string };
		withHash.hash = contentHash(fields);
		fields.push(withHash.hash, batchId, String(index));
		hashed[i] = { index, record: withHash, raw, line: copyLine(fields) };
	});
	// Repeats within the batch are settled here; ids stored by earlier batches are found by the
	// insert itself (on conflict do nothing) and looked up only when some were not inserted.
	const { fresh, duplicates, conflicts } = partitionById(hashed, new Map(), 'payment');
	return { batchId, fresh, duplicates, conflicts, input: fresh.map((item) => item.line).join('') };
}

/** What storing did to one batch of a group. */
export type BatchOutcome = Pick<StoreResult, 'accepted' | 'duplicates' | 'rejected'>;

/** What storing did to a group: each batch's outcome, the payments inserted (in order), the live event. */
export interface StoredPayments {
	batches: BatchOutcome[];
	inserted: PaymentRecord[];
	events: StoreResult['events'];
	lastRecordAt?: Date;
}

/** One row of the group statement's answer: a year and budget kind's change, or one batch's count. */
interface SummaryRow {
	batch_id: string | null;
	year: number | null;
	budget_kind: string | null;
	amount: string | null;
	payments: number;
	dept_codes: string[] | null;
	func_classes: string[] | null;
	last_paid_at: string | null;
}

/** Per payment id not inserted by the group: the hash and batch it was stored with. */
type StoredIds = Map<string, { hash: string; batchId: string }>;

/**
 * Stores the payments of one or more batches (a group the writer commits together): one COPY,
 * then one statement. A group's rollup rows are upserted once for all its batches, so repeats of a key
 * across batches cost one row. Batches are inserted in order: an id in two of them is stored from
 * the first and is a duplicate (or conflict) of the second, as if they had been committed apart.
 */
export async function storePayments(
	ctx: Pick<StoreContext, 'tx' | 'tz'>,
	batches: PreparedPayments[]
): Promise<StoredPayments> {
	if (batches.every((b) => b.input === ''))
		return {
			batches: batches.map((b) => ({
				accepted: 0,
				duplicates: b.duplicates,
				rejected: b.conflicts
			})),
			inserted: [],
			events: []
		};
	const summary = await insertGroup(ctx, batches);
	const changes = summary.filter((r) => r.batch_id === null);
	// A payment of a month newer than any before closes the months behind it for the rollup's fine levels.
	if (changes.length > 0) await sealClosedMonths(ctx.tx);
	const inserted = new Map(
		summary.filter((r) => r.batch_id !== null).map((r) => [r.batch_id!, r.payments])
	);
	const stored = await storedBefore(ctx, batches, inserted);
	return {
		batches: batches.map((b) => batchOutcome(b, inserted.get(b.batchId) ?? 0, stored)),
		inserted: insertedRecords(batches, inserted, stored),
		events: executionEvents(changes),
		lastRecordAt:
			changes.length > 0
				? new Date(
						changes
							.map((c) => c.last_paid_at!)
							.sort()
							.at(-1)!
					)
				: undefined
	};
}

/**
 * The group's payments reach the database by COPY into a staging table that empties at commit
 * (sent as one JSON parameter, sending and parsing them cost more than the insert itself). Then one
 * statement: insert; pre-aggregate what was inserted by day and codes; add that to the dashboards'
 * rollup (execution_rollup); summarise it for the live event, and count what each batch inserted.
 * PostgreSQL runs every data-modifying CTE to completion whether or not the final select reads it.
 */
async function insertGroup(
	ctx: Pick<StoreContext, 'tx' | 'tz'>,
	batches: PreparedPayments[]
): Promise<SummaryRow[]> {
	const small = smallGroupInput(batches);
	let input = sql`payment_input`;
	if (small !== undefined) input = sql`jsonb_to_recordset(${small}::jsonb) as ${INPUT_RECORD}`;
	else {
		await ctx.tx.execute(CREATE_INPUT_TABLE);
		await copyInto(ctx.tx, 'payment_input', INPUT_COLUMNS, batches.map((b) => b.input).join(''));
	}
	return rows<SummaryRow>(
		ctx.tx,
		sql`with ins as (
			insert into payment (id, paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code,
				func_code, econ_code, project_code, amount, pay_type, payee, payee_kind, purpose,
				content_hash, batch_id)
			select id, paid_at, (paid_at at time zone ${ctx.tz})::date,
				extract(year from paid_at at time zone ${ctx.tz})::smallint, budget_kind, dept_code,
				agency_code, func_code, econ_code, project_code, amount, pay_type, payee, payee_kind,
				purpose, content_hash, batch_id
			from ${input} -- the group's batches in turn, each in its order
			order by array_position(${textArray(batches.map((b) => b.batchId))}, batch_id), ord
			on conflict (id) do nothing
			returning paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code,
				project_code, amount, batch_id
		), agg as (
			select fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code, project_code,
				sum(amount) as amount, count(*)::int as payment_count, max(paid_at) as last_paid_at
			from ins group by 1, 2, 3, 4, 5, 6, 7, 8
		), dashboards as (${executionRollupUpsert(sql`agg`)})
		select null::text as batch_id, fiscal_year::int as year, budget_kind, sum(amount)::text as amount,
			sum(payment_count)::int as payments, array_agg(distinct dept_code) as dept_codes,
			array_agg(distinct left(func_code, 3)) as func_classes,
			to_char(max(last_paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_paid_at
		from agg
		group by fiscal_year, budget_kind
		union all
		select batch_id, null, null, null, count(*)::int, null, null, null from ins group by batch_id`
	);
}

/**
 * A small group's payments as the JSON of their input rows (the COPY line's fields by column), or
 * undefined for a group to send by COPY: a large one, or one with text jsonb cannot hold (U+0000, a
 * lone surrogate), which COPY stores as it always has.
 */
function smallGroupInput(batches: PreparedPayments[]): string | undefined {
	const fresh = batches.reduce((n, b) => n + b.fresh.length, 0);
	if (fresh > SMALL_GROUP_PAYMENTS) return undefined;
	const input = batches.flatMap((b) =>
		b.fresh.map(({ index, record }) => {
			const fields = [...contentFields(record), record.hash, b.batchId];
			const row: Record<string, string | number | undefined> = { ord: index };
			fields.forEach((v, i) => (row[INPUT_COLUMNS[i]] = v));
			return row;
		})
	);
	const json = JSON.stringify(input);
	return /\\u(0000|d[89a-f])/i.test(json) ? undefined : json;
}

/**
 * Ids not inserted were stored before (by an earlier batch, or an earlier one of this group): looked
 * up only for the batches that inserted fewer than their fresh payments.
 */
async function storedBefore(
	ctx: Pick<StoreContext, 'tx'>,
	batches: PreparedPayments[],
	inserted: Map<string, number>
): Promise<StoredIds> {
	const short = batches.filter((b) => (inserted.get(b.batchId) ?? 0) < b.fresh.length);
	const stored: StoredIds = new Map();
	if (short.length > 0) {
		const ids = short.flatMap((b) => b.fresh.map((i) => i.record.id));
		const found = await rows<{ id: string; content_hash: string; batch_id: string }>(
			ctx.tx,
			sql`select id, content_hash, batch_id from payment where id = ${anyText(ids)}`
		);
		for (const r of found) stored.set(r.id, { hash: r.content_hash, batchId: r.batch_id });
	}
	return stored;
}

/** A batch's counts: a fresh payment stored before is a duplicate (same content) or a conflict (the first stays). */
function batchOutcome(b: PreparedPayments, accepted: number, stored: StoredIds): BatchOutcome {
	let duplicates = b.duplicates;
	const conflicts = [...b.conflicts];
	if (accepted < b.fresh.length)
		for (const item of b.fresh) {
			const prior = stored.get(item.record.id);
			if (prior === undefined || prior.batchId === b.batchId) continue;
			if (prior.hash === item.record.hash) duplicates++;
			else conflicts.push(conflictOf(item, 'payment'));
		}
	return { accepted, duplicates, rejected: conflicts.sort((x, y) => x.index - y.index) };
}

/**
 * Exactly the payments inserted: all of a batch's fresh ones, or (when some were not) those the
 * lookup found stored by the batch itself.
 */
function insertedRecords(
	batches: PreparedPayments[],
	inserted: Map<string, number>,
	stored: StoredIds
): PaymentRecord[] {
	const records: PaymentRecord[] = [];
	for (const b of batches) {
		const all = (inserted.get(b.batchId) ?? 0) === b.fresh.length;
		for (const item of b.fresh)
			if (all || stored.get(item.record.id)?.batchId === b.batchId) records.push(item.record);
	}
	return records;
}

/** The live event of what the group added, by year and budget kind (none when nothing was inserted). */
function executionEvents(changes: SummaryRow[]): StoreResult['events'] {
	const execution: ExecutionChange[] = changes.map((c) => ({
		year: c.year!,
		budgetKind: c.budget_kind!,
		amount: c.amount!,
		payments: c.payments,
		deptCodes: c.dept_codes!,
		funcClasses: c.func_classes!
	}));
	return execution.length > 0
		? [{ topic: 'execution', audience: 'all', payload: { changes: execution } }]
		: [];
}
