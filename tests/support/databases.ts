/**
 * Test databases: every integration suite runs on an in-memory PGlite and, when TEST_DATABASE_URL
 * is set (CI always sets it), on a fresh PostgreSQL database created for the suite and dropped after.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';

export interface DatabaseTarget {
	name: 'pglite' | 'postgres';
	/** Why this target cannot run here, or null. */
	unavailable: string | null;
	open(): Promise<Database & { drop(): Promise<void> }>;
}

const testUrl = process.env.TEST_DATABASE_URL;

export const databaseTargets: DatabaseTarget[] = [
	{
		name: 'pglite',
		unavailable: null,
		async open() {
			const database = await openDatabase({ dataDir: 'memory://' });
			await migrateDatabase(database);
			await seedReferenceCodes(database);
			return Object.assign(database, { drop: () => database.close() });
		}
	},
	{
		name: 'postgres',
		unavailable: testUrl ? null : 'TEST_DATABASE_URL is not set',
		async open() {
			const { url, drop } = await createScratchDatabase(testUrl!);
			const database = await openDatabase({ url, max: 5 });
			await migrateDatabase(database);
			await seedReferenceCodes(database);
			return Object.assign(database, {
				drop: async () => {
					await database.close();
					await drop();
				}
			});
		}
	}
];

/** A new empty database on the server of `baseUrl`; `drop` removes it. */
export async function createScratchDatabase(
	baseUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `qd_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const again = postgres(baseUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}
