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
	const { dept, project } = event.params;
	const unit = event.url.searchParams.get('unit') ?? undefined;
	if (
		!/^\d{1,20}$/.test(dept) ||
		!/^[0-9A-Za-z-]{1,40}$/.test(project) ||
		(unit !== undefined && !/^\d{1,20}$/.test(unit))
	)
		error(404, 'No such project');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	// The payments behind the figures: this project's (and unit's) rows, sorted and paged on the server.
	const parsed = parseLedgerFilter(event.url.searchParams, year, asOf);
	if (!parsed.ok) error(400, parsed.errors.join('; '));
	const filter = { ...parsed.filter, dept, project, agency: unit };
	const [page, payments] = await Promise.all([
		departments.project({ year, budgetKind, asOf }, dept, project, unit),
		ledger.page({ year, budgetKind }, filter, viewerOf(event.locals))
	]);
	return { period, project: page, payments, filter };
};
