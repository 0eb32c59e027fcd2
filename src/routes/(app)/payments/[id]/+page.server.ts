import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as ledger from '$lib/server/ledger/queries';
import { viewerOf } from '$lib/server/privacy';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	const period = periodQuery(event.url);
	const [payment, feed] = await Promise.all([
		ledger.payment(event.params.id, viewerOf(event.locals)),
		ledger.freshness()
	]);
	if (!payment) error(404, `No payment ${event.params.id}`);
	return { period, payment, feed };
};
