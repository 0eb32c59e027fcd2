// Opens the one database of this process: PGlite in DATA_DIR by default, PostgreSQL when a URL is given.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A drizzle transaction or the database itself: anything `execute` and the query builder work on. */
export type Executor = Pick<Db, 'execute' | 'select' | 'insert' | 'update' | 'delete'>;

export interface Database {
	kind: 'pglite' | 'postgres';
	db: Db;
	/** Where PGlite keeps its files; undefined for PostgreSQL. */
	dataDir?: string;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** PostgreSQL URL; when absent PGlite is opened in dataDir. */
	url?: string;
	/** PGlite data directory; 'memory://' for a throwaway in-memory database. */
	dataDir?: string;
	/** postgres.js pool size. */
	max?: number;
}

/**
 * `= ${anyText(values)}`: a list of text values as one array computed once (an InitPlan), so a
 * column compared with it is index probes, not a join over the table.
 */
export function anyText(values: readonly string[]): SQL {
	return sql`any(${textArray(values)})`;
}

/** A list of text values as one SQL text[] (sent as one JSON parameter; the same on both drivers). */
export function textArray(values: readonly string[]): SQL {
	return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Raw rows of a `db.execute(sql)` result. PGlite returns `{ rows }`, postgres.js an array;
 * cast numbers in SQL (`::int`, `::text`) because the drivers type bigint and dates differently.
 */
export async function rows<T = Record<string, unknown>>(ex: Executor, query: SQL): Promise<T[]> {
	const result = (await ex.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	if (options.url) return openPostgres(options.url, options.max ?? 10);
	return openPglite(options.dataDir ?? process.env.DATA_DIR ?? './data');
}

async function openPostgres(url: string, max: number): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, { max, onnotice: () => {} });
	const db = drizzle(client, { schema }) as unknown as Db;
	return {
		kind: 'postgres',
		db,
		close: () => client.end({ timeout: 5 })
	};
}

async function openPglite(dataDir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const inMemory = dataDir.startsWith('memory://');
	const dir = inMemory ? dataDir : resolve(dataDir);
	const releaseLock = inMemory ? () => {} : lockDataDir(dir);
	try {
		const client = await PGlite.create(inMemory ? undefined : dir);
		const db = drizzle({ client, schema }) as unknown as Db;
		return {
			kind: 'pglite',
			db,
			dataDir: inMemory ? undefined : dir,
			close: async () => {
				await client.close();
				releaseLock();
			}
		};
	} catch (err) {
		releaseLock();
		throw err;
	}
}

/**
 * PGlite has no lock of its own and two opens of one directory corrupt it, so a lock file holds
 * the owning pid. A lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
	mkdirSync(dir, { recursive: true });
	const lockPath = join(dir, '..', `.${dir.split('/').pop()}.qiandai.lock`);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				try {
					unlinkSync(lockPath);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return release;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const holder = Number(readFileSync(lockPath, 'utf8').trim());
			if (holder && holder !== process.pid && isAlive(holder)) {
				throw new Error(
					`The database in ${dir} is already open in process ${holder}. ` +
						`PGlite can only be opened by one process; stop it first or set DATA_DIR to another directory.`,
					{ cause: err }
				);
			}
			if (holder === process.pid) {
				throw new Error(`The database in ${dir} is already open in this process.`, { cause: err });
			}
			unlinkSync(lockPath); // stale lock of a dead process
		}
	}
	throw new Error(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}
