import { redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/accounts/users';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Public: signing out without a session just clears the cookie. The session's sockets drop at once. */
	default: async ({ locals, cookies, getClientAddress }) => {
		if (locals.sessionId)
			await accounts.signOut({
				sessionId: locals.sessionId,
				user: locals.user,
				address: getClientAddress()
			});
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
