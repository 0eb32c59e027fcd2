// Applies drizzle-kit migrations at start-up; on PostgreSQL under an advisory lock so nodes can start together.
import { fileURLToPath } from 'node:url';
import type { Database } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK = 7_042_301; // arbitrary, constant across versions

export async function migrateDatabase(database: Database): Promise<void> {
	if (database.kind === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(database.db as never, { migrationsFolder });
		return;
	}
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// The migrator takes no lock: hold a session-level advisory lock on a reserved connection while
	// it runs on the pool, so nodes that start together migrate one after the other.
	const client = (database.db as unknown as { $client: import('postgres').Sql }).$client;
	const lockConnection = await client.reserve();
	try {
		await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migrate(database.db as never, { migrationsFolder });
	} finally {
		await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
		lockConnection.release();
	}
}
