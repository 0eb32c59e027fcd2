// Government debt records: one per id; a later different record for the same id is a conflict.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fenToYuan, type Fen } from '../../domain/money';
import type { DebtRecord } from '../../domain/records';
import { contentHash } from './hash';
import { storeById } from './duplicates';
import type { Item, StoreContext, StoreResult } from './types';

const AMOUNTS = [
	'limit',
	'balance',
	'issued',
	'refinanced',
	'principalRepaid',
	'interestPaid',
	'principalDue',
	'interestDue',
	'capacity'
] as const;

const yuan = (v: Fen | undefined | null) => (v === undefined || v === null ? null : fenToYuan(v));

export function debtHash(d: DebtRecord): string {
	return contentHash([d.id, d.period, d.debtType, ...AMOUNTS.map((k) => yuan(d[k]) ?? '')]);
}

const DEBT_RECORD = { hashOf: debtHash, table: 'debt_record', label: 'debt record' } as const;

export function storeDebt(ctx: StoreContext, items: Item<DebtRecord>[]): Promise<StoreResult> {
	return storeById(
		ctx,
		items,
		DEBT_RECORD,
		(fresh) => insertDebt(ctx, fresh),
		(stored) => [
			{
				topic: 'debt',
				audience: 'all',
				payload: { periods: [...new Set(stored.map((s) => s.period))].sort() }
			}
		]
	);
}

async function insertDebt(
	ctx: StoreContext,
	fresh: Item<DebtRecord & { hash: string }>[]
): Promise<{ period: string }[]> {
	const input = fresh.map(({ record: d }) => ({
		id: d.id,
		period: d.period,
		year: Number(d.period.slice(0, 4)),
		month: d.period.length === 7 ? Number(d.period.slice(5, 7)) : null,
		debt_type: d.debtType,
		debt_limit: yuan(d.limit),
		balance: yuan(d.balance),
		issued: yuan(d.issued),
		refinanced: yuan(d.refinanced),
		principal_repaid: yuan(d.principalRepaid),
		interest_paid: yuan(d.interestPaid),
		principal_due: yuan(d.principalDue),
		interest_due: yuan(d.interestDue),
		capacity: yuan(d.capacity),
		content_hash: d.hash
	}));
	return rows<{ period: string }>(
		ctx.tx,
		sql`insert into debt_record (id, period, year, month, debt_type, debt_limit, balance, issued, refinanced,
				principal_repaid, interest_paid, principal_due, interest_due, capacity, content_hash, batch_id)
			select id, period, year, month, debt_type, debt_limit, balance, issued, refinanced,
				principal_repaid, interest_paid, principal_due, interest_due, capacity, content_hash, ${ctx.batchId}
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
				id text, period text, year smallint, month smallint, debt_type text, debt_limit numeric, balance numeric,
				issued numeric, refinanced numeric, principal_repaid numeric, interest_paid numeric,
				principal_due numeric, interest_due numeric, capacity numeric, content_hash text)
			on conflict (id) do nothing
			returning period`
	);
}
