import { fail, redirect } from '@sveltejs/kit';
import { setDisplayCookie } from '$lib/server/auth/cookies';
import * as displays from '$lib/server/accounts/displays';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	/** Already a display: offer to go to the wall rather than claim again. */
	claimed: locals.display ? { name: locals.display.name } : null,
	revoked: url.searchParams.has('revoked')
});

export const actions: Actions = {
	/** Public and throttled per address: the code itself is the credential. */
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const result = await displays.claim({
			code: String(form.get('code') ?? ''),
			address: getClientAddress()
		});
		if (!result.ok)
			return fail(result.error === 'claim.throttled' ? 429 : 400, {
				error: result.error,
				minutes: 'retryInMinutes' in result ? result.retryInMinutes : 0
			});
		setDisplayCookie(cookies, url, result.token);
		redirect(303, '/wall');
	}
};
