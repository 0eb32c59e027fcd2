import { requireRole } from '$lib/server/auth/guard';
import * as feed from '$lib/server/feed';
import { latestSeq } from '$lib/server/snapshot';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** `?page=N` pages through the batches; the sources are always all shown. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:feed');
	const pageParam = Number(event.url.searchParams.get('page') ?? 1);
	const page =
		Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
	const ex = db();
	// The sequence first: an event committed after it reloads the page, so none is missed.
	const seq = await latestSeq(ex);
	const [sources, batches] = await Promise.all([feed.sources(ex), feed.batches(ex, page)]);
	return { seq, sources, batches, page };
};
