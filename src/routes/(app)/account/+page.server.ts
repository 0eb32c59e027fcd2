import { fail } from '@sveltejs/kit';
import * as accounts from '$lib/server/accounts/users';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({ account: requireUser(event) });

export const actions: Actions = {
	password: async (event) => {
		const user = requireRole(event, 'member');
		const form = await event.request.formData();
		const problem = await accounts.changePassword({
			user,
			sessionId: event.locals.sessionId,
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? ''),
			address: event.getClientAddress()
		});
		if (problem) return fail(400, { problem });
		return { changed: true };
	}
};
