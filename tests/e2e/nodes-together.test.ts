/**
 * Several app servers started at once on one PostgreSQL with ADMIN_PASSWORD (a cluster coming up):
 * each migrates under the lock, one of them creates the first admin, and all of them serve.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../support/databases';
import { Agent } from '../support/http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from '../support/server';

const base = process.env.TEST_DATABASE_URL;

describe('app servers starting together', () => {
	const servers: RunningServer[] = [];
	let drop: (() => Promise<void>) | undefined;
	afterAll(async () => {
		for (const s of servers) await s.stop();
		await drop?.();
	});

	it.skipIf(!base)(
		'both come up healthy on one empty PostgreSQL, with one first admin',
		async () => {
			const db = await createScratchDatabase(base!);
			drop = db.drop;
			const started = await Promise.allSettled(
				[0, 1].map(() => startServer({ DATABASE_URL: db.url }, { timeoutMs: 180_000 }))
			);
			for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
			expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual([
				'ok',
				'ok'
			]);
			for (const server of servers) {
				expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
				await new Agent(server).signIn('admin', ADMIN_PASSWORD);
			}
			const sql = postgres(db.url, { max: 1, onnotice: () => {} });
			try {
				const admins = await sql`select username from app_user`;
				expect(admins.map((a) => a.username)).toEqual(['admin']);
			} finally {
				await sql.end();
			}
		}
	);
});
