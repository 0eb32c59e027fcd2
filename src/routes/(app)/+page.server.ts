import { alertTile } from '$lib/server/alerts/index';
import { requireUser } from '$lib/server/auth/guard';
import { readOverview } from '$lib/server/live-views/index';
import { viewerOf } from '$lib/server/privacy';
import { periodQuery } from '$lib/server/query';
import type { OverviewViewKey } from '$lib/live/views';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	// The figures are the live view the page then follows (pushed on every change): served from the
	// server's cache, the same state every other screen on this view is sent.
	const viewKey: OverviewViewKey = {
		view: 'overview',
		year,
		budgetKind,
		...(period.asOfGiven ? { asOf } : {})
	};
	const [view, alerts] = await Promise.all([
		readOverview(viewKey, viewerOf(event.locals)),
		alertTile(year, Number(period.today.slice(0, 4)))
	]);
	return { period, overview: view.data, viewKey, alerts };
};
