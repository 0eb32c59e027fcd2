import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as departments from '$lib/server/departments';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const { dept, unit } = event.params;
	if (!/^\d{1,20}$/.test(dept) || !/^\d{1,20}$/.test(unit)) error(404, 'Unit codes have digits only');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	return { period, unit: await departments.unit({ year, budgetKind, asOf }, dept, unit) };
};
