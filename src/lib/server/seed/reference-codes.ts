/**
 * The shipped classification table, stored on every start as the baseline entry of every year
 * (names can change between releases). A city's loaded table for a year takes precedence from that
 * year on; the names in effect follow the latest entry.
 */
import type { Database } from '../../../../db/client';
import { REFERENCE_BASE_YEAR } from '../../domain/classification';
import { referenceCodes } from '../../domain/reference-codes';
import { storeEntries } from '../classification/names';

export async function seedReferenceCodes(database: Database): Promise<void> {
	await storeEntries(
		database.db,
		referenceCodes.map((c) => ({ ...c, year: REFERENCE_BASE_YEAR })),
		'reference'
	);
}
