import { sql } from 'drizzle-orm';
import { rows } from '../../../db/client';
import { hasRuntime, runtime } from './runtime';

export interface Health {
	db: 'ok' | 'unavailable';
	database?: 'pglite' | 'postgres';
	seq?: number;
	error?: string;
}

/** Whether the app can serve: the database answers. */
export async function check(): Promise<Health> {
	if (!hasRuntime()) return { db: 'unavailable', error: 'starting' };
	const { database } = runtime();
	try {
		const [r] = await rows<{ seq: number }>(
			database.db,
			sql`select coalesce(max(seq), 0)::int as seq from live_event`
		);
		return { db: 'ok', database: database.kind, seq: r.seq };
	} catch (err) {
		return { db: 'unavailable', database: database.kind, error: (err as Error).message };
	}
}
