import { fail } from '@sveltejs/kit';
import { isRole } from '$lib/domain/accounts';
import * as accounts from '$lib/server/accounts/users';
import { requireRole } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	return { me: me.id, users: await accounts.list() };
};

/** The form's `id` as a positive integer, or null. */
async function formOf(event: RequestEvent) {
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	return { form, id: Number.isSafeInteger(id) && id > 0 ? id : null };
}

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const { form } = await formOf(event);
		const role = form.get('role');
		const username = String(form.get('username') ?? '').slice(0, 100);
		const displayName = String(form.get('displayName') ?? '').slice(0, 200);
		if (!isRole(role))
			return fail(400, { problem: 'account.role.invalid' as const, username, displayName });
		const result = await accounts.createAccount({
			actor,
			username,
			displayName,
			role,
			address: event.getClientAddress()
		});
		if (!result.ok) return fail(400, { problem: result.problem, username, displayName });
		return {
			secret: { kind: 'created' as const, username: result.username, password: result.password }
		};
	},
	role: async (event) => {
		const actor = requireRole(event, 'admin');
		const { form, id } = await formOf(event);
		const role = form.get('role');
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		if (!isRole(role)) return fail(400, { problem: 'account.role.invalid' as const });
		const problem = await accounts.changeRole({
			actor,
			id,
			role,
			address: event.getClientAddress()
		});
		return problem ? fail(400, { problem }) : { done: 'account.roleChanged' as const };
	},
	disable: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id } = await formOf(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		const problem = await accounts.disableAccount({ actor, id, address: event.getClientAddress() });
		return problem ? fail(400, { problem }) : { done: 'account.disabled' as const };
	},
	enable: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id } = await formOf(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		const problem = await accounts.enableAccount({ actor, id, address: event.getClientAddress() });
		return problem ? fail(400, { problem }) : { done: 'account.enabled' as const };
	},
	reset: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id } = await formOf(event);
		if (id === null) return fail(400, { problem: 'account.notFound' as const });
		const result = await accounts.resetPassword({ actor, id, address: event.getClientAddress() });
		if (!result.ok) return fail(400, { problem: result.problem });
		return {
			secret: { kind: 'reset' as const, username: result.username, password: result.password }
		};
	}
};
