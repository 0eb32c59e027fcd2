import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/session';
import { verifyCredentials } from '$lib/server/auth/users';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: `next` must not send a user to another site after sign-in. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'login.missing' as const });
		const user = await verifyCredentials(db(), username.slice(0, 100), password.slice(0, 200));
		if (!user) return fail(400, { username, error: 'login.failed' as const });
		const session = await createSession(db(), user.id);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
