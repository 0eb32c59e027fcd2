/**
 * The setting of the account tests: a test app, its first admin's password, the address requests
 * come from, every clear secret the suite handles (none may be found in the database), and a way
 * to let throttle windows pass.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../db/client';
import { createUser } from '../../src/lib/server/auth/users';
import { useTestApp } from './app';
import type { DatabaseTarget } from './databases';
import { dumpAllTables } from './dump';

export function useAccountsSuite(target: DatabaseTarget) {
	const app = useTestApp(target);
	/** Every clear secret the suite handles; none may be found in the database. */
	const secrets: string[] = [];
	const remember = <T extends string>(s: T): T => (secrets.push(s), s);
	const ADMIN_PW = remember('admin-first-password-1');
	const db = () => app.database.db;

	return {
		app,
		db,
		remember,
		ADMIN_PW,
		ip: '203.0.113.7',
		/** Creates `admin`, the first account (call in the suite's beforeAll). */
		createAdmin: () =>
			createUser(db(), {
				username: 'admin',
				displayName: '管理员',
				role: 'admin',
				password: ADMIN_PW
			}),
		count: async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(db(), query))[0].n,
		/** Lets every throttle window and block end, as if a quarter of an hour had passed. */
		timePasses: () =>
			db()
				.execute(sql`update login_throttle set window_started_at = window_started_at - interval '1 hour',
				blocked_until = blocked_until - interval '1 hour'`),
		/**
		 * The suite's last test: no secret it remembered is in any table. More than `minimum` must
		 * have been remembered, so the check cannot pass by having nothing to look for.
		 */
		keepsNoSecretInClear: (minimum: number) =>
			it.skipIf(target.unavailable)(
				'keeps no password, token, code or key in clear anywhere in the database',
				async () => {
					const { tables, text } = await dumpAllTables(db());
					expect(tables).toEqual(
						expect.arrayContaining([
							'public.app_user',
							'public.session',
							'public.wall_display',
							'public.ingest_key',
							'public.audit_log',
							'public.login_throttle'
						])
					);
					expect(secrets.length).toBeGreaterThan(minimum);
					const found = [...new Set(secrets)].filter(
						(s) => text.includes(s) || text.includes(s.toLowerCase())
					);
					expect(found).toEqual([]);
				}
			)
	};
}
