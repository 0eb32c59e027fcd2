import { dictionaries } from '$lib/i18n/dictionaries';
import type { LayoutServerLoad } from './$types';

// The strings of the page's language only: the browser never loads the other language's.
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	messages: dictionaries[locals.locale],
	user: locals.user
});
