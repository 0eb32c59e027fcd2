import * as alerts from '$lib/server/alerts/index';
import { requireRole } from '$lib/server/auth/guard';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:alerts');
	const { year } = periodQuery(event.url);
	return { year, page: await alerts.rulesPage(year) };
};
