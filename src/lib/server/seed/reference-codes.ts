/** The classification reference names, upserted on every start: names can change between releases. */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { referenceCodes } from '../../domain/reference-codes';

export async function seedReferenceCodes(database: Database): Promise<void> {
	const input = referenceCodes.map((c) => ({
		scheme: c.scheme,
		code: c.code,
		name: c.name,
		name_en: c.nameEn ?? null
	}));
	await database.db.execute(sql`insert into classification_code (scheme, code, name, name_en)
		select scheme, code, name, name_en from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
			as x(scheme text, code text, name text, name_en text)
		on conflict (scheme, code) do update set name = excluded.name, name_en = excluded.name_en
		where (classification_code.name, classification_code.name_en) is distinct from (excluded.name, excluded.name_en)`);
}
