/** Every row of every table as text: what someone with a copy of the database would see. */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client';

export async function dumpAllTables(ex: Executor): Promise<{ tables: string[]; text: string }> {
	const tables = (
		await rows<{ name: string }>(
			ex,
			sql`select table_schema || '.' || table_name as name from information_schema.tables
				where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
				order by 1`
		)
	).map((t) => t.name);
	const parts: string[] = [];
	for (const name of tables) {
		const [schema, table] = name.split('.');
		const found = await rows<{ row: string }>(
			ex,
			sql`select t::text as row from ${sql.identifier(schema)}.${sql.identifier(table)} t`
		);
		parts.push(`-- ${name}`, ...found.map((r) => r.row));
	}
	return { tables, text: parts.join('\n') };
}
