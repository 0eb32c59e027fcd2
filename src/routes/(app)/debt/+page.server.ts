import { error } from '@sveltejs/kit';
import * as debt from '$lib/server/debt';
import { requireUser } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** `?year=YYYY` (default: the latest year with debt records). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:debt');
	const yearParam = event.url.searchParams.get('year');
	const year = yearParam === null ? null : Number(yearParam);
	if (year !== null && (!/^\d{4}$/.test(yearParam!) || year < 2000 || year > 2100))
		error(400, 'year must be a year between 2000 and 2100');
	return { page: await debt.debtPage({ year }) };
};
