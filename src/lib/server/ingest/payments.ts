// Stores payments and their daily rollup in one statement, inside the batch's transaction.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fenToYuan } from '../../domain/money';
import type { PaymentRecord } from '../../domain/records';
import type { ExecutionChange } from '../../live/events';
import { executionRollupUpsert } from './execution-rollup';
import { contentHash } from './hash';
import { partitionById, type Item, type StoreContext, type StoreResult } from './types';

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

export async function storePayments(ctx: StoreContext, items: Item<PaymentRecord>[]): Promise<StoreResult> {
	const hashed = items.map((item) => ({ ...item, record: { ...item.record, hash: paymentHash(item.record) } }));
	const ids = [...new Set(items.map((i) => i.record.id))];
	const existing = new Map<string, string>();
	if (ids.length > 0) {
		const found = await rows<{ id: string; content_hash: string }>(
			ctx.tx,
			sql`select id, content_hash from payment
			    where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`
		);
		for (const r of found) existing.set(r.id, r.content_hash);
	}
	const { fresh, duplicates, conflicts } = partitionById(hashed, existing, 'payment');
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };

	let lastRecordAt = fresh[0].record.paidAt;
	const input = fresh.map(({ record: p }) => {
		if (p.paidAt > lastRecordAt) lastRecordAt = p.paidAt;
		return {
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
		};
	});

	// Insert, roll up by day × kind × department × unit × function × economic × project, and
	// summarise what changed for the live event, all in one round trip. PostgreSQL runs every
	// data-modifying CTE to completion whether or not the final select reads it.
	const changes = await rows<{
		year: number;
		budget_kind: string;
		amount: string;
		payments: number;
		dept_codes: string[];
		func_classes: string[];
	}>(
		ctx.tx,
		sql`with input as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
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
			returning fiscal_date, fiscal_year, budget_kind, dept_code, agency_code, func_code, econ_code,
				project_code, amount
		), rollup as (
			insert into execution_daily as e (fiscal_date, budget_kind, dept_code, agency_code, func_code,
				econ_code, project_code, amount, payment_count)
			select fiscal_date, budget_kind, dept_code, agency_code, func_code, econ_code, project_code,
				sum(amount), count(*)::int
			from ins group by 1, 2, 3, 4, 5, 6, 7
			on conflict (fiscal_date, budget_kind, dept_code, agency_code, func_code, econ_code, project_code)
			do update set amount = e.amount + excluded.amount,
				payment_count = e.payment_count + excluded.payment_count
			returning 1
		), dashboards as (${executionRollupUpsert(sql`ins`)})
		select fiscal_year::int as year, budget_kind, sum(amount)::text as amount, count(*)::int as payments,
			array_agg(distinct dept_code) as dept_codes, array_agg(distinct left(func_code, 3)) as func_classes
		from ins
		group by fiscal_year, budget_kind`
	);

	const accepted = changes.reduce((n, c) => n + c.payments, 0);
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
		duplicates: duplicates + (fresh.length - accepted),
		rejected: conflicts,
		events: [{ topic: 'execution', audience: 'all', payload: { changes: execution } }],
		lastRecordAt
	};
}
