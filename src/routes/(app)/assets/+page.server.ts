import { error } from '@sveltejs/kit';
import * as assets from '$lib/server/assets';
import { requireUser } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

/** `?year=YYYY` (default: the latest report year) and optionally `&period=YYYY-MM` within it. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:assets');
	const yearParam = event.url.searchParams.get('year');
	const year = yearParam === null ? null : Number(yearParam);
	if (year !== null && (!/^\d{4}$/.test(yearParam!) || year < 2000 || year > 2100))
		error(400, 'year must be a year between 2000 and 2100');
	const period = event.url.searchParams.get('period');
	if (period !== null && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period))
		error(400, 'period must be YYYY or YYYY-MM');
	if (period !== null && year !== null && Number(period.slice(0, 4)) !== year)
		error(400, `period must be in ${year}`);
	return { page: await assets.assetsPage({ year, period }) };
};
