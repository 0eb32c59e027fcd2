import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as departments from '$lib/server/departments/index';
import * as ledger from '$lib/server/ledger/queries';
import { parseLedgerFilter } from '$lib/domain/ledger-filter';
import { viewerOf } from '$lib/server/privacy';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const { dept, unit } = event.params;
	if (!/^\d{1,20}$/.test(dept) || !/^\d{1,20}$/.test(unit))
		error(404, 'Unit codes have digits only');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	// The unit's payments, newest first, sorted and paged on the server.
	const parsed = parseLedgerFilter(event.url.searchParams, year, asOf);
	if (!parsed.ok) error(400, parsed.errors.join('; '));
	const filter = { ...parsed.filter, dept, agency: unit, project: undefined };
	const [page, payments] = await Promise.all([
		departments.unit({ year, budgetKind, asOf }, dept, unit),
		ledger.page({ year, budgetKind }, filter, viewerOf(event.locals))
	]);
	return { period, unit: page, payments, filter };
};
