import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as functions from '$lib/server/functions';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const code = event.params.code ?? '';
	if (code !== '' && !/^\d{3}(\d{2}){0,2}$/.test(code))
		error(404, 'A function code has 3, 5 or 7 digits');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	return { period, code, fn: await functions.functionPage({ year, budgetKind, asOf }, code) };
};
