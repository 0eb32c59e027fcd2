import * as execution from '$lib/server/execution';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, depends }) => {
	depends('app:execution');
	const { year, budgetKind, asOf } = periodQuery(url);
	return { overview: await execution.overview({ year, budgetKind, asOf }) };
};
