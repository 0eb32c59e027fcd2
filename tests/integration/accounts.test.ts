import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as accounts from '../../src/lib/server/accounts/users';
import * as audit from '../../src/lib/server/audit';
import * as displays from '../../src/lib/server/accounts/displays';
import * as ingestKeys from '../../src/lib/server/accounts/ingest-keys';
import { validateDisplay } from '../../src/lib/server/auth/displays';
import { identifyIngestKey } from '../../src/lib/server/auth/ingest-keys';
import { validateSession } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/auth/throttle';
import { createUser } from '../../src/lib/server/auth/users';
import { DEFAULT_PLAYLIST } from '../../src/lib/wall/screens';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { dumpAllTables } from '../support/dump';

/** Every clear secret the suite handles; none may be found in the database. */
const secrets: string[] = [];
const remember = <T extends string>(s: T): T => (secrets.push(s), s);

describe.each(databaseTargets)('accounts, displays and keys on $name', (target) => {
	const app = useTestApp(target);
	let admin: { id: number; username: string };
	const ADMIN_PW = remember('admin-first-password-1');
	const ip = '203.0.113.7';

	beforeAll(async () => {
		if (target.unavailable) return;
		admin = await createUser(app.database.db, {
			username: 'admin',
			displayName: '管理员',
			role: 'admin',
			password: ADMIN_PW
		});
	});

	const db = () => app.database.db;
	const count = async (query: ReturnType<typeof sql>) =>
		(await rows<{ n: number }>(db(), query))[0].n;
	/** Lets every throttle window and block end, as if a quarter of an hour had passed. */
	const timePasses = () =>
		db()
			.execute(sql`update login_throttle set window_started_at = window_started_at - interval '1 hour',
			blocked_until = blocked_until - interval '1 hour'`);

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
		'creates accounts with a one-time password and never a default one',
		async () => {
			const created = await accounts.createAccount({
				actor: admin,
				username: 'Wang.Wei',
				displayName: '王委员',
				role: 'member',
				address: ip
			});
			expect(created).toMatchObject({ ok: true, username: 'wang.wei' });
			if (!created.ok) return;
			remember(created.password);
			expect(created.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			expect(
				(await accounts.signIn({ username: 'wang.wei', password: created.password, address: ip }))
					.ok
			).toBe(true);
			expect(
				await accounts.createAccount({
					actor: admin,
					username: 'wang.wei',
					displayName: 'x',
					role: 'staff',
					address: ip
				})
			).toEqual({
				ok: false,
				problem: 'account.username.taken'
			});
			expect(
				await accounts.createAccount({
					actor: admin,
					username: "x' or 1=1 --",
					displayName: 'x',
					role: 'staff',
					address: ip
				})
			).toEqual({
				ok: false,
				problem: 'account.username.invalid'
			});
			const [entry] = (await audit.list(db(), { area: 'user' })).rows;
			expect(entry).toMatchObject({
				action: 'user.created',
				actor: 'admin',
				target: 'user:wang.wei',
				detail: { role: 'member', displayName: '王委员' }
			});
		}
	);

	it.skipIf(target.unavailable)(
		'changes a role with an audit entry and drops the user’s sockets so they rejoin with the new role',
		async () => {
			const [user] = await rows<{ id: number }>(
				db(),
				sql`select id from app_user where username = 'wang.wei'`
			);
			app.disconnects.length = 0;
			expect(
				await accounts.changeRole({ actor: admin, id: user.id, role: 'staff', address: ip })
			).toBeNull();
			expect(app.disconnects).toEqual([{ userId: user.id }]);
			const [entry] = (await audit.list(db(), { area: 'user' })).rows;
			expect(entry).toMatchObject({
				action: 'user.role_changed',
				target: 'user:wang.wei',
				detail: { from: 'member', to: 'staff' }
			});
		}
	);

	it.skipIf(target.unavailable)(
		'does not let an admin demote or disable themselves, nor remove the last admin',
		async () => {
			expect(
				await accounts.changeRole({ actor: admin, id: admin.id, role: 'member', address: ip })
			).toBe('account.self');
			expect(await accounts.disableAccount({ actor: admin, id: admin.id, address: ip })).toBe(
				'account.self'
			);
			const second = await accounts.createAccount({
				actor: admin,
				username: 'admin2',
				displayName: '管理员二',
				role: 'admin',
				address: ip
			});
			if (!second.ok) throw new Error('not created');
			remember(second.password);
			const [a2] = await rows<{ id: number }>(
				db(),
				sql`select id from app_user where username = 'admin2'`
			);
			const admin2 = { id: a2.id, username: 'admin2' };
			expect(
				await accounts.changeRole({ actor: admin2, id: admin.id, role: 'staff', address: ip })
			).toBeNull();
			// admin is now staff; admin2 is the only admin and nobody can take that away.
			expect(await accounts.disableAccount({ actor: admin, id: admin2.id, address: ip })).toBe(
				'account.lastAdmin'
			);
			expect(
				await accounts.changeRole({ actor: admin2, id: admin.id, role: 'admin', address: ip })
			).toBeNull();
		}
	);

	it.skipIf(target.unavailable)(
		'disables an account: its sessions end, its sockets drop and it cannot sign in',
		async () => {
			const [user] = await rows<{ id: number }>(
				db(),
				sql`select id from app_user where username = 'wang.wei'`
			);
			const reset = await accounts.resetPassword({ actor: admin, id: user.id, address: ip });
			if (!reset.ok) throw new Error('reset failed');
			remember(reset.password);
			const s = await accounts.signIn({
				username: 'wang.wei',
				password: reset.password,
				address: ip
			});
			if (!s.ok) throw new Error('sign-in failed');
			remember(s.token);
			app.disconnects.length = 0;
			expect(await accounts.disableAccount({ actor: admin, id: user.id, address: ip })).toBeNull();
			expect(app.disconnects).toEqual([{ userId: user.id }]);
			expect(await validateSession(db(), s.token)).toBeNull();
			expect(
				await accounts.signIn({ username: 'wang.wei', password: reset.password, address: ip })
			).toMatchObject({ ok: false, error: 'login.failed' });
			expect(await accounts.enableAccount({ actor: admin, id: user.id, address: ip })).toBeNull();
			expect(
				(await accounts.signIn({ username: 'wang.wei', password: reset.password, address: ip })).ok
			).toBe(true);
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

	it.skipIf(target.unavailable)(
		'pairs a display once with its code; a used, wrong or expired code pairs nothing',
		async () => {
			const reg = await displays.register({
				actor: admin,
				name: '一楼大厅',
				playlist: DEFAULT_PLAYLIST,
				address: ip
			});
			if (!reg.ok) throw new Error('not registered');
			remember(reg.code);
			remember(reg.code.replace('-', ''));
			const claimed = await displays.claim({
				code: reg.code.toLowerCase().replace('-', ' '),
				address: ip
			});
			expect(claimed).toMatchObject({ ok: true, name: '一楼大厅' });
			if (!claimed.ok) return;
			remember(claimed.token);
			remember(claimed.token.split('.')[1]);
			expect(await validateDisplay(db(), claimed.token)).toMatchObject({
				id: reg.id,
				name: '一楼大厅',
				playlist: DEFAULT_PLAYLIST
			});
			expect(await displays.claim({ code: reg.code, address: ip })).toEqual({
				ok: false,
				error: 'claim.failed'
			});
			expect(await validateDisplay(db(), `d${reg.id}.${'a'.repeat(32)}`)).toBeNull();

			const late = await displays.register({
				actor: admin,
				name: '二楼',
				playlist: DEFAULT_PLAYLIST,
				address: ip
			});
			if (!late.ok) throw new Error('not registered');
			remember(late.code);
			await db().execute(
				sql`update wall_display set claim_expires_at = now() - interval '1 minute' where id = ${late.id}`
			);
			expect(await displays.claim({ code: late.code, address: ip })).toEqual({
				ok: false,
				error: 'claim.failed'
			});
			const actions = (await audit.list(db(), { area: 'display' })).rows.map((r) => r.action);
			expect(actions.slice(0, 4)).toEqual([
				'display.claim_failed',
				'display.created',
				'display.claim_failed',
				'display.claimed'
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'revokes a display at once, and re-pairing makes the old credential useless',
		async () => {
			const reg = await displays.register({
				actor: admin,
				name: '会议室',
				playlist: [{ screen: 'payments', seconds: 20 }],
				address: ip
			});
			if (!reg.ok) throw new Error('not registered');
			remember(reg.code);
			const first = await displays.claim({ code: reg.code, address: ip });
			if (!first.ok) throw new Error('not claimed');
			remember(first.token);
			app.disconnects.length = 0;
			const renewed = await displays.renew({ actor: admin, id: reg.id, address: ip });
			if (!renewed.ok) throw new Error('not renewed');
			remember(renewed.code);
			expect(app.disconnects).toEqual([{ displayId: reg.id }]);
			expect(await validateDisplay(db(), first.token)).toBeNull();
			const second = await displays.claim({ code: renewed.code, address: ip });
			if (!second.ok) throw new Error('not claimed');
			remember(second.token);
			expect(await validateDisplay(db(), second.token)).not.toBeNull();
			app.disconnects.length = 0;
			expect(await displays.revoke({ actor: admin, id: reg.id, address: ip })).toBeNull();
			expect(app.disconnects).toEqual([{ displayId: reg.id }]);
			expect(await validateDisplay(db(), second.token)).toBeNull();
			expect(await displays.revoke({ actor: admin, id: reg.id, address: ip })).toBe(
				'display.notFound'
			);
			expect((await displays.list()).find((d) => d.id === reg.id)?.state).toBe('revoked');
		}
	);

	it.skipIf(target.unavailable)('throttles guessing of display codes per address', async () => {
		for (let i = 0; i < LIMITS.claim; i++)
			await displays.claim({ code: `WRONG-${String(i).padStart(5, '0')}`, address: '192.0.2.50' });
		expect(await displays.claim({ code: 'ANY-CODE', address: '192.0.2.50' })).toMatchObject({
			ok: false,
			error: 'claim.throttled'
		});
		await timePasses();
	});

	it.skipIf(target.unavailable)(
		'creates ingest keys shown once and stored hashed; a revoked key stops working and its sockets drop',
		async () => {
			const created = await ingestKeys.create({
				actor: admin,
				name: '财政局国库导出',
				address: ip
			});
			if (!created.ok) throw new Error('not created');
			remember(created.key);
			expect(created.key).toMatch(/^qdk_[a-z2-7]{52}$/);
			expect(await identifyIngestKey(db(), created.key, [])).toEqual({
				id: created.id,
				source: '财政局国库导出'
			});
			expect(JSON.stringify(await ingestKeys.list())).not.toContain(created.key);
			app.disconnects.length = 0;
			expect(await ingestKeys.revoke({ actor: admin, id: created.id, address: ip })).toBeNull();
			expect(app.disconnects).toEqual([{ ingestKeyId: created.id }]);
			expect(await identifyIngestKey(db(), created.key, [])).toBeNull();
			// INGEST_KEYS stays for bootstrap.
			expect(
				await identifyIngestKey(db(), 'bootstrap-key-from-env', [
					'other-key-0000',
					'bootstrap-key-from-env'
				])
			).toEqual({ id: null, source: 'env:2' });
		}
	);

	it.skipIf(target.unavailable)(
		'filters the audit log by area and plain text; SQL and LIKE wildcards are only text',
		async () => {
			const all = (await audit.list(db(), { limit: 200 })).rows;
			expect(all.length).toBeGreaterThan(20);
			const byArea = (await audit.list(db(), { area: 'ingest_key', limit: 200 })).rows;
			expect(byArea.map((r) => r.action).sort()).toEqual([
				'ingest_key.created',
				'ingest_key.revoked'
			]);
			expect(
				(await audit.list(db(), { text: '198.51.100.1', limit: 200 })).rows.every(
					(r) => r.ip === '198.51.100.1'
				)
			).toBe(true);
			const containing = (text: string) =>
				all
					.filter((r) =>
						[r.actor, r.target, r.ip].some((f) => f?.toLowerCase().includes(text.toLowerCase()))
					)
					.map((r) => r.id);
			for (const text of [
				"' or '1'='1",
				"'; drop table audit_log; --",
				'%',
				'_',
				'\\',
				'INGEST_KEY:'
			]) {
				expect(
					(await audit.list(db(), { text, limit: 200 })).rows.map((r) => r.id),
					text
				).toEqual(containing(text));
			}
			expect(containing('_').length).toBeGreaterThan(0); // ingest_key:… targets: '_' matched itself, not any character
			expect(containing('_').length).toBeLessThan(all.length);
			expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(all.length);
			const page1 = await audit.list(db(), { limit: 5 });
			const page2 = await audit.list(db(), { limit: 5, before: page1.next! });
			expect(page2.rows[0].id).toBeLessThan(page1.rows[4].id);
		}
	);

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
			expect(secrets.length).toBeGreaterThan(15);
			const found = [...new Set(secrets)].filter(
				(s) => text.includes(s) || text.includes(s.toLowerCase())
			);
			expect(found).toEqual([]);
		}
	);
});
