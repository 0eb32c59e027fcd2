// Budget units are master data: the latest record for a code wins (names and parents do change).
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import type { UnitRecord } from '../../domain/records';
import type { Item, StoreContext, StoreResult } from './types';

export async function storeUnits(
	ctx: StoreContext,
	items: Item<UnitRecord>[]
): Promise<StoreResult> {
	// The last record for a code in the batch wins; a record that changes nothing is a duplicate.
	const byCode = new Map(items.map((i) => [i.record.code, i.record]));
	const input = [...byCode.values()].map((u) => ({
		code: u.code,
		name: u.name,
		parent_code: u.parentCode || null
	}));
	const changed = await rows<{ n: number }>(
		ctx.tx,
		sql`with input as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(code text, name text, parent_code text)
		), up as (
			insert into budget_unit as u (code, name, parent_code)
			select code, name, parent_code from input
			on conflict (code) do update set name = excluded.name, parent_code = excluded.parent_code,
				updated_at = now()
			where (u.name, u.parent_code) is distinct from (excluded.name, excluded.parent_code)
			returning 1
		)
		select count(*)::int as n from up`
	);
	const stored = changed[0]?.n ?? 0;
	return {
		accepted: stored,
		duplicates: items.length - stored,
		rejected: [],
		events: stored > 0 ? [{ topic: 'plan', audience: 'all', payload: { years: [] } }] : []
	};
}
