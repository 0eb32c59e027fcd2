import { requireUser } from '$lib/server/auth/guard';
import * as ledger from '$lib/server/ledger/queries';
import { parseLedgerFilter } from '$lib/domain/ledger-filter';
import { seesPersons } from '$lib/domain/privacy';
import { viewerOf } from '$lib/server/privacy';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	const parsed = parseLedgerFilter(event.url.searchParams, year, asOf);
	const viewer = viewerOf(event.locals);
	const personal = seesPersons(viewer);
	if (!parsed.ok) return { period, errors: parsed.errors, filter: null, page: null, personal };
	return {
		period,
		errors: [],
		filter: parsed.filter,
		page: await ledger.page({ year, budgetKind }, parsed.filter, viewer),
		personal
	};
};
