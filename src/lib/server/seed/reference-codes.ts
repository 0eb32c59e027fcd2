/**
 * The shipped classification table, stored on every start as the baseline entry of every year
 * (names can change between releases). A city's loaded table for a year takes precedence from that
 * year on; the names in effect follow the latest entry. Alerts that name a code whose name in
 * effect changed, or that an active alert's English text still names in Chinese (judged before its
 * English name came), are explained anew in the same transaction (alerts/renamed-codes.ts).
 */
import type { Database } from '../../../../db/client';
import { REFERENCE_BASE_YEAR } from '../../domain/classification';
import { DEFAULT_FISCAL_TZ, fiscalYearOf } from '../../domain/fiscal';
import { referenceCodes } from '../../domain/reference-codes';
import { alertsEvent } from '../alerts/live';
import { openAlertCounts } from '../alerts/queries';
import { codesNamedInChinese, explainRenamedCodes } from '../alerts/renamed-codes';
import { storeEntries } from '../classification/names';
import type { LiveHub } from '../runtime';
import { commitChange } from '../write-path';

/** Returns how many names in effect changed and how many cases' findings were explained anew. */
export async function seedReferenceCodes(
	database: Database,
	options: { tz?: string; live?: LiveHub; now?: Date } = {}
): Promise<{ renamed: number; explained: number }> {
	const tz = options.tz ?? DEFAULT_FISCAL_TZ;
	const now = options.now ?? new Date();
	return commitChange(database.db, options.live, async (tx) => {
		const { renamed } = await storeEntries(
			tx,
			referenceCodes.map((c) => ({ ...c, year: REFERENCE_BASE_YEAR })),
			'reference'
		);
		// With the codes renamed now, those still named in Chinese by alerts judged before (once).
		const stale = await codesNamedInChinese(tx);
		const changes = await explainRenamedCodes(tx, [...renamed, ...stale], { now, tz });
		return {
			result: {
				renamed: renamed.length,
				explained: changes.filter((c) => c.change === 'explained').length
			},
			events:
				changes.length > 0
					? [alertsEvent(changes, await openAlertCounts(tx, fiscalYearOf(now, tz)))]
					: []
		};
	});
}
