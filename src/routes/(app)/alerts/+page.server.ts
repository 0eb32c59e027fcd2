import { error } from '@sveltejs/kit';
import { LEVELS } from '$lib/domain/alert-text';
import { ALERT_STATUSES } from '$lib/domain/alerts/lifecycle';
import { requireUser } from '$lib/server/auth/guard';
import * as cases from '$lib/server/cases/index';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

/** `?level=&status=&cause=&dept=`: unknown values are refused with what is allowed (400). */
function filterOf(url: URL) {
	const p = url.searchParams;
	const level = p.get('level') || undefined;
	const status = p.get('status') || 'active';
	const cause = p.get('cause') || undefined;
	const dept = p.get('dept') || undefined;
	if (level && !(LEVELS as readonly string[]).includes(level))
		error(400, `level must be one of ${LEVELS.join(', ')}`);
	if (!['active', 'all', ...ALERT_STATUSES].includes(status))
		error(400, `status must be active, all or one of ${ALERT_STATUSES.join(', ')}`);
	if (cause && !/^[A-Za-z]{1,40}$/.test(cause)) error(400, 'cause must be a cause name');
	if (dept && !/^[0-9A-Za-z]{1,20}$/.test(dept)) error(400, 'dept must be a department code');
	return {
		level: level as (typeof LEVELS)[number] | undefined,
		status: status as cases.CasesQuery['status'],
		cause,
		deptCode: dept
	};
}

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:alerts');
	const period = periodQuery(event.url);
	const filter = filterOf(event.url);
	return {
		period,
		filter,
		page: await cases.casesPage({ year: period.year, ...filter }),
		limit: cases.CASE_LIST_LIMIT
	};
};
