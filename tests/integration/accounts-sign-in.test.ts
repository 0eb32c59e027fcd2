// Signing in and out of accounts: throttling, sessions, password changes, each audited.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as accounts from '../../src/lib/server/accounts/users';
import * as audit from '../../src/lib/server/audit';
import { validateSession } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/auth/throttle';
import { databaseTargets } from '../support/databases';
import { useAccountsSuite } from '../support/accounts-suite';

describe.each(databaseTargets)('sign-in and sessions on $name', (target) => {
	const { app, db, count, timePasses, remember, ADMIN_PW, ip, createAdmin, keepsNoSecretInClear } =
		useAccountsSuite(target);
	let admin: { id: number; username: string };

	beforeAll(async () => {
		if (target.unavailable) return;
		admin = await createAdmin();
	});

	it.skipIf(target.unavailable)(
		'signs in with the right password, keeps only a hash of the session token, and audits it',
		async () => {
			const result = await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip });
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			remember(result.token);
			remember(result.token.split('.')[1]);
			const session = await validateSession(db(), result.token);
			expect(session?.user).toMatchObject({ username: 'admin', role: 'admin' });
			const stored = await rows<{ secret_hash: string }>(
				db(),
				sql`select secret_hash from session where id = ${result.token.split('.')[0]}`
			);
			expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
			expect(await validateSession(db(), `${result.token.split('.')[0]}.wrong-secret`)).toBeNull();
			const [entry] = (await audit.list(db(), { area: 'auth' })).rows;
			expect(entry).toMatchObject({
				action: 'auth.sign_in',
				actor: 'admin',
				target: 'user:admin',
				ip
			});
		}
	);

	it.skipIf(target.unavailable)(
		'audits a failed sign-in with the account when it exists, and without the typed name when it does not',
		async () => {
			expect(
				await accounts.signIn({ username: 'admin', password: 'wrong-password', address: ip })
			).toEqual({ ok: false, error: 'login.failed' });
			const typo = remember('my-real-password-typed-as-name');
			expect(await accounts.signIn({ username: typo, password: 'whatever', address: ip })).toEqual({
				ok: false,
				error: 'login.failed'
			});
			const [unknown, wrong] = (await audit.list(db(), { area: 'auth', limit: 2 })).rows;
			expect(wrong).toMatchObject({
				action: 'auth.sign_in_failed',
				target: 'user:admin',
				detail: { reason: 'wrong' }
			});
			expect(unknown).toMatchObject({
				action: 'auth.sign_in_failed',
				target: null,
				detail: { reason: 'unknown' }
			});
			await timePasses();
		}
	);

	it.skipIf(target.unavailable)(
		'refuses a name and address after 5 failures, even with the right password, until the block ends',
		async () => {
			for (let i = 0; i < LIMITS.pair; i++)
				expect(
					(await accounts.signIn({ username: 'admin', password: `nope-${i}`, address: ip })).ok
				).toBe(false);
			const refused = await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip });
			expect(refused).toEqual({ ok: false, error: 'login.throttled', retryInMinutes: 15 });
			// Another address is not held up by this one's mistakes.
			expect(
				(await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: '198.51.100.1' }))
					.ok
			).toBe(true);
			const throttled = (await audit.list(db(), { area: 'auth' })).rows.filter(
				(r) => r.action === 'auth.sign_in_throttled'
			);
			expect(throttled[0]).toMatchObject({
				target: 'user:admin',
				ip,
				detail: { scopes: ['pair'] }
			});
			await timePasses();
			expect(
				(await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip })).ok
			).toBe(true);
		}
	);

	it.skipIf(target.unavailable)(
		'refuses an account attacked from many addresses, and an address trying many accounts',
		async () => {
			for (let i = 0; i < LIMITS.account; i++)
				await accounts.signIn({ username: 'admin', password: 'nope', address: `10.0.0.${i}` });
			expect(
				await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: '10.9.9.9' })
			).toMatchObject({ error: 'login.throttled' });
			await timePasses();
			for (let i = 0; i < LIMITS.address; i++)
				await accounts.signIn({ username: `nobody${i}`, password: 'nope', address: '10.1.1.1' });
			expect(
				await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: '10.1.1.1' })
			).toMatchObject({ error: 'login.throttled' });
			expect(
				(await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: '10.1.1.2' })).ok
			).toBe(true);
			await timePasses();
			// The throttle keeps hashes of attempted names, never the names.
			expect(
				await count(sql`select count(*)::int as n from login_throttle where key like '%nobody%'`)
			).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'renews a session that is in use and ends one left idle past its expiry',
		async () => {
			const s = await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip });
			if (!s.ok) throw new Error('sign-in failed');
			remember(s.token);
			const id = s.token.split('.')[0];
			await db().execute(
				sql`update session set expires_at = now() + interval '1 day' where id = ${id}`
			);
			const renewed = await validateSession(db(), s.token);
			expect(renewed?.renewed).toBe(true);
			expect(renewed!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
			expect((await validateSession(db(), s.token))?.renewed).toBe(false);
			await db().execute(
				sql`update session set expires_at = now() - interval '1 second' where id = ${id}`
			);
			expect(await validateSession(db(), s.token)).toBeNull();
			expect(await count(sql`select count(*)::int as n from session where id = ${id}`)).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'changes a password only with the current one, and ends the user’s other sessions',
		async () => {
			const here = await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip });
			const elsewhere = await accounts.signIn({
				username: 'admin',
				password: ADMIN_PW,
				address: '198.51.100.2'
			});
			if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed');
			remember(here.token);
			remember(elsewhere.token);
			const user = (await validateSession(db(), here.token))!;
			const next = remember('a-brand-new-passphrase');
			const change = (current: string, n: string, confirm = n) =>
				accounts.changePassword({
					user: user.user,
					sessionId: user.id,
					current,
					next: n,
					confirm,
					address: ip
				});
			expect(await change('not-my-password', next)).toBe('account.password.wrongCurrent');
			expect(await change(ADMIN_PW, next, 'something-else-entirely')).toBe(
				'account.password.mismatch'
			);
			expect(await change(ADMIN_PW, 'short')).toBe('account.password.short');
			expect(await change(ADMIN_PW, 'admin-is-my-name')).toBe('account.password.likeName');
			app.disconnects.length = 0;
			expect(await change(ADMIN_PW, next)).toBeNull();
			expect(app.disconnects).toEqual([{ userId: admin.id }]);
			expect(await validateSession(db(), here.token)).not.toBeNull();
			expect(await validateSession(db(), elsewhere.token)).toBeNull();
			expect((await accounts.signIn({ username: 'admin', password: next, address: ip })).ok).toBe(
				true
			);
			expect(
				(await accounts.signIn({ username: 'admin', password: ADMIN_PW, address: ip })).ok
			).toBe(false);
			// Guessing the current password from a borrowed session is throttled like signing in: the
			// failed sign-in just above and four wrong guesses make the five that hold name and address.
			for (let i = 0; i < 4; i++)
				expect(await change(`guess-number-${i}`, 'yet-another-passphrase')).toBe(
					'account.password.wrongCurrent'
				);
			expect(await change('guess-again-1', 'yet-another-passphrase')).toBe(
				'account.password.throttled'
			);
			expect(await change(next, 'yet-another-passphrase')).toBe('account.password.throttled');
			await timePasses();
		}
	);

	keepsNoSecretInClear(7);
});
