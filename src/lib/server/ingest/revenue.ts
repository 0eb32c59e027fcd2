// Stores revenue collections and their daily rollup by subject, like payments.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fenToYuan } from '../../domain/money';
import type { RevenueRecord } from '../../domain/records';
import type { LiveTopics } from '../../live/events';
import { contentHash } from './hash';
import { partitionAgainstStored } from './duplicates';
import type { Item, StoreContext, StoreResult } from './types';

export function revenueHash(r: RevenueRecord): string {
	return contentHash([
		r.id,
		r.collectedAt.toISOString(),
		r.budgetKind,
		r.subjectCode,
		fenToYuan(r.amount)
	]);
}

type RevenueChange = LiveTopics['revenue']['changes'][number];

export async function storeRevenue(
	ctx: StoreContext,
	items: Item<RevenueRecord>[]
): Promise<StoreResult> {
	const { fresh, duplicates, conflicts } = await partitionAgainstStored(
		ctx,
		items,
		revenueHash,
		'revenue',
		'revenue record'
	);
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };

	let lastRecordAt = fresh[0].record.collectedAt;
	for (const { record } of fresh)
		if (record.collectedAt > lastRecordAt) lastRecordAt = record.collectedAt;
	const changes = await insertRevenue(ctx, fresh);
	const accepted = changes.reduce((n, c) => n + c.records, 0);
	return {
		accepted,
		duplicates: duplicates + (fresh.length - accepted),
		rejected: conflicts,
		events: [{ topic: 'revenue', audience: 'all', payload: { changes } }],
		lastRecordAt
	};
}

/**
 * Inserts the fresh collections (an id stored meanwhile is skipped) and adds them to the daily
 * rollup in one statement; returns what was inserted, by fiscal year and budget kind.
 */
async function insertRevenue(
	ctx: StoreContext,
	fresh: Item<RevenueRecord & { hash: string }>[]
): Promise<RevenueChange[]> {
	const input = fresh.map(({ record: r }) => ({
		id: r.id,
		collected_at: r.collectedAt.toISOString(),
		budget_kind: r.budgetKind,
		subject_code: r.subjectCode,
		amount: fenToYuan(r.amount),
		content_hash: r.hash
	}));
	const changes = await rows<{
		year: number;
		budget_kind: string;
		amount: string;
		records: number;
		subject_classes: string[];
	}>(
		ctx.tx,
		sql`with input as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
				id text, collected_at timestamptz, budget_kind text, subject_code text, amount numeric, content_hash text)
		), ins as (
			insert into revenue (id, collected_at, fiscal_date, fiscal_year, budget_kind, subject_code, amount, content_hash, batch_id)
			select id, collected_at, (collected_at at time zone ${ctx.tz})::date,
				extract(year from collected_at at time zone ${ctx.tz})::smallint, budget_kind, subject_code, amount,
				content_hash, ${ctx.batchId}
			from input
			on conflict (id) do nothing
			returning fiscal_date, fiscal_year, budget_kind, subject_code, amount
		), rollup as (
			insert into revenue_daily as d (fiscal_date, budget_kind, subject_code, amount, record_count)
			select fiscal_date, budget_kind, subject_code, sum(amount), count(*)::int from ins group by 1, 2, 3
			on conflict (fiscal_date, budget_kind, subject_code)
			do update set amount = d.amount + excluded.amount, record_count = d.record_count + excluded.record_count
			returning 1
		)
		select fiscal_year::int as year, budget_kind, sum(amount)::text as amount, count(*)::int as records,
			array_agg(distinct left(subject_code, 3)) as subject_classes
		from ins group by fiscal_year, budget_kind`
	);
	return changes.map((c) => ({
		year: c.year,
		budgetKind: c.budget_kind,
		amount: c.amount,
		records: c.records,
		subjectClasses: c.subject_classes
	}));
}
