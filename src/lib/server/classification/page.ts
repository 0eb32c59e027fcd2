// The staff page of the classification tables: the year's table by scheme, the codes that arrived
// in the year's data but are not in it, and how fresh both are — read in one snapshot.
import { CODE_SCHEMES, codeLevel, type CodeLevel, type CodeScheme } from '../../domain/codes';
import { REFERENCE_EDITION } from '../../domain/reference-codes';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import { unlistedCodes, yearTable, type TableEntry, type UnlistedCode } from './table';

export interface SchemeTable {
	scheme: CodeScheme;
	entries: (TableEntry & { level: CodeLevel })[];
	/** Entries the city loaded (from the finance system) among them. */
	loaded: number;
}

export interface CodesPage {
	seq: number;
	year: number;
	edition: number;
	schemes: SchemeTable[];
	unlisted: UnlistedCode[];
	/** Payments' freshness (the unlisted codes come from them) and the code table's last load. */
	feed: FeedFreshness;
	codeFeed: FeedFreshness;
}

export async function codesPage(year: number): Promise<CodesPage> {
	return snapshot(async (tx, seq) => {
		const entries = await yearTable(tx, year);
		const unlisted = await unlistedCodes(tx, year);
		const feed = await feedFreshness(tx, 'payment');
		const codeFeed = await feedFreshness(tx, 'code');
		const schemes = CODE_SCHEMES.map((scheme) => {
			const of = entries
				.filter((e) => e.scheme === scheme)
				.map((e) => ({ ...e, level: codeLevel(e.code) }));
			return { scheme, entries: of, loaded: of.filter((e) => e.source === 'loaded').length };
		});
		return { seq, year, edition: REFERENCE_EDITION, schemes, unlisted, feed, codeFeed };
	});
}
