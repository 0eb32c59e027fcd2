import { requireUser } from '$lib/server/auth/guard';
import * as departments from '$lib/server/departments/index';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	return { period, list: await departments.departments({ year, budgetKind, asOf }) };
};
