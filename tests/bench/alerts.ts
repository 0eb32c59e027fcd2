/**
 * npm run bench:alerts — payments/s through ingest with the full alert rule set on, against the same
 * run with the rules off (the `alerts: false` ingest option, no periodic evaluation). Replays the demo year
 * on a fresh database each time: PostgreSQL when BENCH_DATABASE_URL is set, else in-memory PGlite.
 */
import { openDatabase, type Database } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import { createScratchDatabase } from '../support/databases';
import { replayDemoYear } from '../support/demo-replay';

async function fresh(): Promise<Database & { drop(): Promise<void> }> {
	const url = process.env.BENCH_DATABASE_URL;
	if (!url) {
		const db = await openDatabase({ dataDir: 'memory://' });
		await migrateDatabase(db);
		await seedReferenceCodes(db);
		return Object.assign(db, { drop: () => db.close() });
	}
	const scratch = await createScratchDatabase(url);
	const db = await openDatabase({ url: scratch.url, max: 4 });
	await migrateDatabase(db);
	await seedReferenceCodes(db);
	return Object.assign(db, { drop: async () => (await db.close(), await scratch.drop()) });
}

async function run(rules: boolean): Promise<number> {
	const db = await fresh();
	try {
		const r = await replayDemoYear(db, { year: 2026, periodic: rules, alerts: rules });
		return r.payments / (r.paymentMs / 1000);
	} finally {
		await db.drop();
	}
}

const target = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)';
const off = await run(false);
const on = await run(true);
console.log(`alerts bench on ${target}, demo year replayed in batches of 5000`);
console.log(`  rules off: ${Math.round(off)} payments/s`);
console.log(`  rules on:  ${Math.round(on)} payments/s`);
console.log(
	`  ratio on/off: ${(on / off).toFixed(3)} — rules cost ${((1 - on / off) * 100).toFixed(1)}% of throughput (goal < 30%)`
);
