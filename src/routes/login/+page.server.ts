import { fail, redirect } from '@sveltejs/kit';
import * as accounts from '$lib/server/accounts/users';
import { setSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: `next` must not send a user to another site after sign-in. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const result = await accounts.signIn({
			username,
			password: String(form.get('password') ?? ''),
			address: getClientAddress()
		});
		if (!result.ok) {
			const name = username.slice(0, 100);
			if (result.error === 'login.throttled')
				return fail(429, { username: name, error: result.error, minutes: result.retryInMinutes });
			return fail(400, { username: name, error: result.error, minutes: 0 });
		}
		// Signing in over an existing session (switching accounts) ends that session.
		if (locals.sessionId)
			await accounts.signOut({
				sessionId: locals.sessionId,
				user: locals.user,
				address: getClientAddress()
			});
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
