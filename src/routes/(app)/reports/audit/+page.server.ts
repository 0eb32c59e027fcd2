import { error } from '@sveltejs/kit';
import { isFiscalDate } from '$lib/domain/calendar';
import { requireUser } from '$lib/server/auth/guard';
import { viewerOf } from '$lib/server/privacy';
import * as rectification from '$lib/server/rectification/index';
import type { PageServerLoad } from './$types';

/** `?year=YYYY` (default: the latest audit year), `&since=YYYY-MM-DD` (the last report; default a year ago). */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:audit');
	const yearParam = event.url.searchParams.get('year');
	if (yearParam !== null && (!/^\d{4}$/.test(yearParam) || +yearParam < 2000 || +yearParam > 2100))
		error(400, 'year must be a year between 2000 and 2100');
	const since = event.url.searchParams.get('since');
	if (since !== null && !isFiscalDate(since)) error(400, 'since must be a date YYYY-MM-DD');
	const report = await rectification.reportPage(
		yearParam === null ? null : Number(yearParam),
		since,
		viewerOf(event.locals)
	);
	return { report };
};
