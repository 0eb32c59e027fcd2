import { requireRole } from '$lib/server/auth/guard';
import { codesPage } from '$lib/server/classification/page';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

/** `?year=YYYY` (default: the current fiscal year). Staff and admins only. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:codes');
	const { year } = periodQuery(event.url);
	return { page: await codesPage(year) };
};
