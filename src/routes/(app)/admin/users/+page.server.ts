import { fail } from '@sveltejs/kit';
import { isRole } from '$lib/domain/accounts';
import * as accounts from '$lib/server/accounts/users';
import { adminForm, answer } from '$lib/server/admin-form';
import { requireRole } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	return { me: me.id, users: await accounts.list() };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor, form, address } = await adminForm(event);
		const role = form.get('role');
		const username = String(form.get('username') ?? '').slice(0, 100);
		const displayName = String(form.get('displayName') ?? '').slice(0, 200);
		if (!isRole(role))
			return fail(400, { problem: 'account.role.invalid' as const, username, displayName });
		const result = await accounts.createAccount({ actor, username, displayName, role, address });
		if (!result.ok) return fail(400, { problem: result.problem, username, displayName });
		return {
			secret: { kind: 'created' as const, username: result.username, password: result.password }
		};
	},
	role: async (event) => {
		const { actor, form, id, address } = await adminForm(event);
		const role = form.get('role');
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		if (!isRole(role)) return fail(400, { problem: 'account.role.invalid' as const });
		return answer(await accounts.changeRole({ actor, id, role, address }), 'account.roleChanged');
	},
	disable: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		return answer(await accounts.disableAccount({ actor, id, address }), 'account.disabled');
	},
	enable: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		return answer(await accounts.enableAccount({ actor, id, address }), 'account.enabled');
	},
	reset: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		const result = await accounts.resetPassword({ actor, id, address });
		if (!result.ok) return fail(400, { problem: result.problem });
		return {
			secret: { kind: 'reset' as const, username: result.username, password: result.password }
		};
	}
};
