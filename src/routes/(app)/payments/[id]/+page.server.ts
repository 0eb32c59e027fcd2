import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as ledger from '$lib/server/ledger/queries';
import { seesPersonalPayees } from '$lib/domain/ledger-filter';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const period = periodQuery(event.url);
	const payment = await ledger.payment(event.params.id, seesPersonalPayees(user.role));
	if (!payment) error(404, `No payment ${event.params.id}`);
	return { period, payment };
};
