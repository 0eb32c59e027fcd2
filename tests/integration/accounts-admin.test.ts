// User administration: accounts created with one-time passwords, roles, disabling, and the last admin kept.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as accounts from '../../src/lib/server/accounts/users';
import * as audit from '../../src/lib/server/audit';
import { validateSession } from '../../src/lib/server/auth/session';
import { databaseTargets } from '../support/databases';
import { useAccountsSuite } from '../support/accounts-suite';

describe.each(databaseTargets)('user administration on $name', (target) => {
	const { app, db, remember, ip, createAdmin, keepsNoSecretInClear } = useAccountsSuite(target);
	let admin: { id: number; username: string };

	beforeAll(async () => {
		if (target.unavailable) return;
		admin = await createAdmin();
	});

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

	keepsNoSecretInClear(4);
});
