import { alertTile } from '$lib/server/alerts/index';
import * as execution from '$lib/server/execution';
import { requireUser } from '$lib/server/auth/guard';
import { viewerOf } from '$lib/server/privacy';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	const [overview, alerts] = await Promise.all([
		execution.overview({ year, budgetKind, asOf }, viewerOf(event.locals)),
		alertTile(year, Number(period.today.slice(0, 4)))
	]);
	return { period, overview, alerts };
};
