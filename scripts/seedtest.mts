import { openDatabase, rows } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemo, seedReferenceCodes } from '../src/lib/server/seed/index';
import { sql } from 'drizzle-orm';
const url = process.argv[2];
const database = await openDatabase(url ? { url } : { dataDir: '/tmp/qd-seedtest' });
if (url)
	await database.db.execute(
		sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade;`
	);
let t0 = performance.now();
await migrateDatabase(database);
await seedReferenceCodes(database);
console.log('migrate', Math.round(performance.now() - t0));
t0 = performance.now();
await seedDemo(database, {
	year: 2026,
	through: '2026-11-28',
	tz: 'Asia/Shanghai',
	log: console.log
});
console.log('seed', Math.round(performance.now() - t0));
console.log(await rows(database.db, sql`select count(*)::int n, sum(amount)::text s from payment`));
console.log(
	await rows(
		database.db,
		sql`select count(*)::int n, sum(amount)::text s from execution_rollup where level = 'city' and grain = 'd'`
	)
);
console.log(
	await rows(
		database.db,
		sql`select count(*)::int n, sum(available_amount)::text s, sum(initial_amount)::text i from plan_line`
	)
);
await database.close();
