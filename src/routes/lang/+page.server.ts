import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		if (isLocale(locale))
			cookies.set('lang', locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				secure: false,
				maxAge: 365 * 86400
			});
		const back = String(form.get('back') ?? '/');
		redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
	}
};
