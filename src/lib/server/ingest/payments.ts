// Stores payments and their rollup in one statement, inside the batch's transaction.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fenToYuan } from '../../domain/money';
import type { PaymentRecord } from '../../domain/records';
import type { ExecutionChange } from '../../live/events';
import { executionRollupUpsert } from './execution-rollup';
import { contentHash } from './hash';
import { conflictOf, partitionById, type Item, type Rejection, type StoreContext, type StoreResult } from './types';

export function paymentHash(p: PaymentRecord): string {
	return contentHash([
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
	]);
}

/** A batch of payments made ready to store: hashed, repeats within it settled, its SQL input built. */
export interface PreparedPayments {
	fresh: Item<PaymentRecord & { hash: string }>[];
	duplicates: number;
	conflicts: (Rejection & { raw: unknown })[];
	/** json_to_recordset input of the fresh payments. */
	input: string;
	ids: string;
}

/**
 * The CPU work of a payment batch (hashing, the JSON the statement reads), done before the batch
 * takes the ingest lock: it then overlaps the database work of the batch ahead of it.
 */
export function preparePayments(items: Item<PaymentRecord>[]): PreparedPayments {
	const hashed = items.map((item) => ({ ...item, record: { ...item.record, hash: paymentHash(item.record) } }));
	// Repeats within the batch are settled here; ids stored by earlier batches are found by the
	// insert itself (on conflict do nothing) and looked up only when some were not inserted.
	const { fresh, duplicates, conflicts } = partitionById(hashed, new Map(), 'payment');
	const input = fresh.map(({ record: p }) => ({
		id: p.id,
		paid_at: p.paidAt.toISOString(),
		budget_kind: p.budgetKind,
		dept_code: p.deptCode,
		agency_code: p.agencyCode,
		func_code: p.funcCode,
		econ_code: p.econCode,
		project_code: p.projectCode,
		amount: fenToYuan(p.amount),
		pay_type: p.payType ?? null,
		payee: p.payee ?? null,
		payee_kind: p.payeeKind ?? null,
		purpose: p.purpose ?? null,
		content_hash: p.hash
	}));
	return { fresh, duplicates, conflicts, input: JSON.stringify(input), ids: JSON.stringify(input.map((i) => i.id)) };
}

export async function storePayments(ctx: StoreContext, prepared: PreparedPayments): Promise<StoreResult> {
	const { fresh } = prepared;
	// One round trip: insert; pre-aggregate what was inserted by day and codes; add that to the
	// dashboards' rollup (execution_rollup); summarise it for the live event. PostgreSQL runs every
	// data-modifying CTE to completion whether or not the final select reads it.
	const changes = await rows<{
		year: number;
		budget_kind: string;
		amount: string;
		payments: number;
		dept_codes: string[];
		func_classes: string[];
		last_paid_at: string;
	}>(
		ctx.tx,
		sql`with input as (
			select * from json_to_recordset(${prepared.input}::json) as x(
				id text, paid_at timestamptz, budget_kind text, dept_code text, agency_code text,
				func_code text, econ_code text, project_code text, amount numeric, pay_type text,
				payee text, payee_kind text, purpose text, content_hash text)
		), ins as (
			insert into payment (id, paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code,
				func_code, econ_code, project_code, amount, pay_type, payee, payee_kind, purpose,
				content_hash, batch_id)
			select id, paid_at, (paid_at at time zone ${ctx.tz})::date,
				extract(year from paid_at at time zone ${ctx.tz})::smallint, budget_kind, dept_code,
				agency_code, func_code, econ_code, project_code, amount, pay_type, payee, payee_kind,
				purpose, content_hash, ${ctx.batchId}
			from input
			on conflict (id) do nothing
			returning paid_at, fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code,
				project_code, amount
		), agg as (
			select fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code, project_code,
				sum(amount) as amount, count(*)::int as payment_count, max(paid_at) as last_paid_at
			from ins group by 1, 2, 3, 4, 5, 6, 7, 8
		), dashboards as (${executionRollupUpsert(sql`agg`)})
		select fiscal_year::int as year, budget_kind, sum(amount)::text as amount, sum(payment_count)::int as payments,
			array_agg(distinct dept_code) as dept_codes, array_agg(distinct left(func_code, 3)) as func_classes,
			to_char(max(last_paid_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_paid_at
		from agg
		group by fiscal_year, budget_kind`
	);

	const accepted = changes.reduce((n, c) => n + c.payments, 0);
	let duplicates = prepared.duplicates;
	const conflicts = [...prepared.conflicts];
	if (accepted < fresh.length) {
		// Some ids were stored by an earlier batch: the same content is a duplicate, other content a
		// conflict (the first stays). Rows of this batch carry its batch id; the others are earlier.
		const stored = await rows<{ id: string; content_hash: string }>(
			ctx.tx,
			sql`select id, content_hash from payment
				where id in (select json_array_elements_text(${prepared.ids}::json))
					and batch_id <> ${ctx.batchId}`
		);
		const earlier = new Map(stored.map((r) => [r.id, r.content_hash]));
		for (const item of fresh) {
			const prior = earlier.get(item.record.id);
			if (prior === undefined) continue;
			if (prior === item.record.hash) duplicates++;
			else conflicts.push(conflictOf(item, 'payment'));
		}
	}
	const execution: ExecutionChange[] = changes.map((c) => ({
		year: c.year,
		budgetKind: c.budget_kind,
		amount: c.amount,
		payments: c.payments,
		deptCodes: c.dept_codes,
		funcClasses: c.func_classes
	}));
	return {
		accepted,
		duplicates,
		rejected: conflicts.sort((a, b) => a.index - b.index),
		events: accepted > 0 ? [{ topic: 'execution', audience: 'all', payload: { changes: execution } }] : [],
		lastRecordAt: changes.length > 0 ? new Date(changes.map((c) => c.last_paid_at).sort().at(-1)!) : undefined
	};
}
