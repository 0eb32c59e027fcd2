// State-asset figures: one report per entity and period; a later different report for the same
// id is a conflict like any other record.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import type { AssetRecord } from '../../domain/records';
import { contentHash } from './hash';
import { storeById } from './duplicates';
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

const ASSET_REPORT = { hashOf: assetHash, table: 'asset_report', label: 'asset report' } as const;

export function storeAssets(ctx: StoreContext, items: Item<AssetRecord>[]): Promise<StoreResult> {
	return storeById(
		ctx,
		items,
		ASSET_REPORT,
		(fresh) => insertAssets(ctx, fresh),
		(stored) => [
			{
				topic: 'asset',
				audience: 'all',
				payload: { periods: [...new Set(stored.map((s) => s.period))] }
			}
		]
	);
}

async function insertAssets(
	ctx: StoreContext,
	fresh: Item<AssetRecord & { hash: string }>[]
): Promise<{ period: string }[]> {
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
	return rows<{ period: string }>(
		ctx.tx,
		sql`insert into asset_report (id, period, category, entity_code, entity_name, unit_type, figures, content_hash, batch_id)
			select id, period, category, entity_code, entity_name, unit_type, figures, content_hash, ${ctx.batchId}
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
				id text, period text, category text, entity_code text, entity_name text, unit_type text, figures jsonb, content_hash text)
			on conflict (id) do nothing
			returning period`
	);
}
