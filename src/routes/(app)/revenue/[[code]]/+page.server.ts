import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as revenue from '$lib/server/revenue';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:revenue');
	const code = event.params.code ?? '';
	if (code !== '' && !/^\d{3}(\d{2}){0,3}$/.test(code))
		error(404, 'A revenue code has 3, 5, 7 or 9 digits');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	const [rev, collections] = await Promise.all([
		revenue.revenuePage({ year, budgetKind, asOf }, code),
		revenue.collections({ year, budgetKind, asOf }, code)
	]);
	return { period, code, rev, collections };
};
