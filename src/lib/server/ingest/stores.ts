// Which store keeps each record kind, and how a group's valid records reach it.
import type { PaymentRecord, RecordByKind, RecordKind } from '../../domain/records';
import { storeAssets } from './assets';
import { storeCodes } from './codes';
import { storeDebt } from './debt';
import { storePayments, type StoredPayments } from './payments';
import { storePlans } from './plans';
import { storeRevenue } from './revenue';
import { storeUnits } from './units';
import { storeAuditFindings } from '../rectification/ingest';
import type { Item, StoreContext, StoreResult } from './types';
import type { Pending } from './writer';

/** Stores a batch's valid records of one kind (other than payments, which are stored by group). */
type Store<K extends RecordKind> = (
	ctx: StoreContext,
	items: Item<RecordByKind[K]>[]
) => Promise<StoreResult>;

const STORES: { [K in Exclude<RecordKind, 'payment'>]: Store<K> } = {
	unit: storeUnits,
	plan: storePlans,
	revenue: storeRevenue,
	asset: storeAssets,
	code: storeCodes,
	audit: storeAuditFindings,
	debt: storeDebt
};

/** Whether this server stores records of the kind. */
export function storesKind(kind: RecordKind): boolean {
	return kind in STORES || kind === 'payment';
}

/** What storing a group did: each batch's outcome, the payments it inserted, its live events. */
export type StoredGroup = Omit<StoredPayments, 'inserted'> & {
	inserted?: PaymentRecord[];
	renamed?: StoreResult['renamed'];
};

/** Stores a group's valid records: payments in one statement, any other kind one batch alone. */
export async function storeGroup(ctx: StoreContext, group: Pending[]): Promise<StoredGroup> {
	if (group[0].request.kind === 'payment')
		return storePayments(
			ctx,
			group.map((p) => p.payments!)
		);
	if (group.length !== 1) throw new Error('only payment batches are committed in groups');
	const [p] = group;
	const kind = p.request.kind as Exclude<RecordKind, 'payment'>;
	const store = STORES[kind] as Store<typeof kind>;
	const result =
		p.valid.length > 0
			? await store(ctx, p.valid as Item<RecordByKind[typeof kind]>[])
			: emptyResult();
	return {
		batches: [result],
		events: result.events,
		lastRecordAt: result.lastRecordAt,
		renamed: result.renamed
	};
}

function emptyResult(): StoreResult {
	return { accepted: 0, duplicates: 0, rejected: [], events: [] };
}
