// The classification entries by year and the names in effect (classification_code), which every
// page joins on: a code's name there is its latest entry's, its English name the latest one known.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { CodeScheme } from '../../domain/codes';

export interface EntryInput {
	scheme: CodeScheme;
	code: string;
	year: number;
	name: string;
	nameEn?: string | null;
}

/** A code of a scheme. */
export interface CodeKey {
	scheme: string;
	code: string;
}

/** What storing entries did: how many were new or changed, and the codes whose names in effect changed. */
export interface StoredEntries {
	changed: number;
	renamed: CodeKey[];
}

/**
 * Stores entries (a changed name for the same code and year replaces the old one, except that the
 * shipped table never replaces a city's loaded entry, even one for the baseline year) and refreshes
 * the names in effect of their codes.
 */
export async function storeEntries(
	ex: Executor,
	entries: EntryInput[],
	source: 'reference' | 'loaded',
	batchId: string | null = null
): Promise<StoredEntries> {
	if (entries.length === 0) return { changed: 0, renamed: [] };
	const input = entries.map((e) => ({
		scheme: e.scheme,
		code: e.code,
		year: e.year,
		name: e.name,
		name_en: e.nameEn ?? null
	}));
	const changed = await rows<{ scheme: string; code: string }>(
		ex,
		sql`insert into classification_entry as e (scheme, code, year, name, name_en, source, batch_id)
			select scheme, code, year, name, name_en, ${source}, ${batchId}
			from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
				as x(scheme text, code text, year int, name text, name_en text)
			on conflict (scheme, code, year) do update set name = excluded.name,
				name_en = coalesce(excluded.name_en, e.name_en), source = excluded.source,
				batch_id = excluded.batch_id, loaded_at = now()
			where (e.name, e.name_en) is distinct from (excluded.name, coalesce(excluded.name_en, e.name_en))
				and (excluded.source = 'loaded' or e.source = 'reference')
			returning scheme, code`
	);
	const renamed = changed.length > 0 ? await refreshNames(ex, changed) : [];
	return { changed: changed.length, renamed };
}

/**
 * Sets the names in effect of these codes from their latest entries (a separate statement, so it
 * sees them); returns the codes whose names in effect are new or changed.
 */
async function refreshNames(ex: Executor, keys: CodeKey[]): Promise<CodeKey[]> {
	return rows<CodeKey>(
		ex,
		sql`insert into classification_code as c (scheme, code, name, name_en)
			select distinct on (n.scheme, n.code) n.scheme, n.code, n.name,
				coalesce(n.name_en, (select x.name_en from classification_entry x
					where x.scheme = n.scheme and x.code = n.code and x.name_en is not null
					order by x.year desc limit 1))
			from classification_entry n
			join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(scheme text, code text)
				on n.scheme = k.scheme and n.code = k.code
			order by n.scheme, n.code, n.year desc
			on conflict (scheme, code) do update set name = excluded.name, name_en = excluded.name_en
			where (c.name, c.name_en) is distinct from (excluded.name, excluded.name_en)
			returning scheme, code`
	);
}
