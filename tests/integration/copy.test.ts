import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database, type Executor } from '../../db/client';
import { copyInto, copyLine } from '../../db/copy';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('COPY into a staging table on $name', (target) => {
	let database: Database & { drop(): Promise<void> };
	beforeAll(async () => {
		if (!target.unavailable) database = await target.open();
	});
	afterAll(async () => {
		await database?.drop();
	});

	const stage = (tx: Executor) =>
		tx.execute(
			sql`create temp table if not exists copy_probe (n int, label text) on commit delete rows`
		);

	it.skipIf(target.unavailable)('fills the table with exactly the rows sent', async () => {
		const seen = await database.db.transaction(async (tx) => {
			await stage(tx);
			await copyInto(
				tx,
				'copy_probe',
				['n', 'label'],
				[copyLine(['1', '一\t二']), copyLine(['2', null])].join('')
			);
			return rows<{ n: number; label: string | null }>(
				tx,
				sql`select n, label from copy_probe order by n`
			);
		});
		expect(seen).toEqual([
			{ n: 1, label: '一\t二' },
			{ n: 2, label: null }
		]);
	});

	it.skipIf(target.unavailable)(
		'fails the transaction with the database’s reason when it refuses a row, and the connection goes on',
		async () => {
			// postgres.js 3.4.9 never settled a refused COPY (porsager/postgres#1173); patches/ fixes it.
			const attempt = database.db.transaction(async (tx) => {
				await stage(tx);
				await copyInto(
					tx,
					'copy_probe',
					['n', 'label'],
					copyLine(['1', 'ok']) + copyLine(['not a number', 'bad'])
				);
			});
			await expect(attempt).rejects.toThrow(/invalid input syntax for type integer/);
			const [after] = await rows<{ ok: number }>(database.db, sql`select 1 as ok`);
			expect(after.ok).toBe(1);
		}
	);
});
