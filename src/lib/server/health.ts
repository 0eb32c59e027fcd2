import { hasRuntime, runtime } from './runtime';
import { latestSeq } from './snapshot';

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
		return { db: 'ok', database: database.kind, seq: await latestSeq(database.db) };
	} catch (err) {
		return { db: 'unavailable', database: database.kind, error: (err as Error).message };
	}
}
