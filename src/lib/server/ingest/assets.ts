// State-asset figures: one report per entity and period; a later different report for the same
// id is a conflict like any other record.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import type { AssetRecord } from '../../domain/records';
import { contentHash } from './hash';
import { partitionAgainstStored } from './duplicates';
import type { Item, StoreContext, StoreResult } from './types';

export function assetHash(a: AssetRecord): string {
	const figures = Object.keys(a.figures)
		.sort()
		.map((k) => `${k}=${a.figures[k]}`)
		.join('&');
	// A report without unitType hashes as it did before the field existed.
	const parts = [a.id, a.period, a.category, a.entityCode, a.entityName, figures];
	return contentHash(a.unitType ? [...parts, a.unitType] : parts);
}

export async function storeAssets(
	ctx: StoreContext,
	items: Item<AssetRecord>[]
): Promise<StoreResult> {
	const { fresh, duplicates, conflicts } = await partitionAgainstStored(
		ctx,
		items,
		assetHash,
		'asset_report',
		'asset report'
	);
	if (fresh.length === 0) return { accepted: 0, duplicates, rejected: conflicts, events: [] };
	const input = fresh.map(({ record: a }) => ({
		id: a.id,
		period: a.period,
		category: a.category,
		entity_code: a.entityCode,
		entity_name: a.entityName,
		unit_type: a.unitType ?? null,
		figures: a.figures,
		content_hash: a.hash
	}));
	const stored = await rows<{ period: string; category: string }>(
		ctx.tx,
		sql`insert into asset_report (id, period, category, entity_code, entity_name, unit_type, figures, content_hash, batch_id)
			select id, period, category, entity_code, entity_name, unit_type, figures, content_hash, ${ctx.batchId}
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
				id text, period text, category text, entity_code text, entity_name text, unit_type text, figures jsonb, content_hash text)
			on conflict (id) do nothing
			returning period, category`
	);
	const periods = [...new Set(stored.map((s) => s.period))];
	return {
		accepted: stored.length,
		duplicates: duplicates + (fresh.length - stored.length),
		rejected: conflicts,
		events: stored.length > 0 ? [{ topic: 'asset', audience: 'all', payload: { periods } }] : []
	};
}
