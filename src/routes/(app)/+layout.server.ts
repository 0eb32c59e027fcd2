import { displayNameText } from '$lib/domain/accounts';
import { requireUser } from '$lib/server/auth/guard';
import { runtime } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user,
		// The header's name in the page's language, made here: every page's first load is budgeted.
		shownName: displayNameText(user, event.locals.locale),
		fiscalTz: runtime().config.fiscalTz
	};
};
