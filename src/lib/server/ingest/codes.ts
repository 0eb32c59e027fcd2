// Classification entries (科目) from the finance system: stored by year; the names in effect follow
// the latest entry, and open pages reload (a `plan` event: the codes that name their figures changed).
// The codes whose names in effect changed go to the alert rules (alerts naming them are explained anew).
import type { CodeRecord } from '../../domain/records';
import { fiscalYearOf } from '../../domain/fiscal';
import { storeEntries } from '../classification/names';
import type { Item, StoreContext, StoreResult } from './types';

export async function storeCodes(
	ctx: StoreContext,
	items: Item<CodeRecord>[]
): Promise<StoreResult> {
	const thisYear = fiscalYearOf(new Date(), ctx.tz);
	// The last record for a code and year in the batch wins; one that changes nothing is a duplicate.
	const byKey = new Map(
		items.map(({ record: c }) => {
			const year = c.year ?? thisYear;
			return [`${c.scheme}:${c.code}:${year}`, { ...c, year }];
		})
	);
	const { changed, renamed } = await storeEntries(
		ctx.tx,
		[...byKey.values()],
		'loaded',
		ctx.batchId
	);
	const years = [...new Set([...byKey.values()].map((c) => c.year))].sort();
	return {
		accepted: changed,
		duplicates: items.length - changed,
		rejected: [],
		events: changed > 0 ? [{ topic: 'plan', audience: 'all', payload: { years } }] : [],
		renamed
	};
}
