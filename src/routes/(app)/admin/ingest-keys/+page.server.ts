import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import * as ingestKeys from '$lib/server/accounts/ingest-keys';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	// Bootstrap keys are counted, never shown: they live in the server's environment.
	const bootstrap = Math.max(
		0,
		runtime().config.ingestKeys.length - (runtime().config.demo ? 1 : 0)
	);
	return { keys: await ingestKeys.list(), bootstrap };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '').slice(0, 200);
		const result = await ingestKeys.create({ actor, name, address: event.getClientAddress() });
		if (!result.ok) return fail(400, { problem: result.problem, name });
		return { secret: { name: result.name, key: result.key } };
	},
	revoke: async (event) => {
		const actor = requireRole(event, 'admin');
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		if (!Number.isSafeInteger(id) || id <= 0)
			return fail(400, { problem: 'key.notFound' as const });
		const problem = await ingestKeys.revoke({ actor, id, address: event.getClientAddress() });
		return problem ? fail(400, { problem }) : { done: 'key.revokedDone' as const };
	}
};
