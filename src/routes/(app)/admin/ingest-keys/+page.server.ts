import { fail } from '@sveltejs/kit';
import { adminForm, answer } from '$lib/server/admin-form';
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
		const { actor, form, address } = await adminForm(event);
		const name = String(form.get('name') ?? '').slice(0, 200);
		const result = await ingestKeys.create({ actor, name, address });
		if (!result.ok) return fail(400, { problem: result.problem, name });
		return { secret: { name: result.name, key: result.key } };
	},
	revoke: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'key.notFound' as const });
		return answer(await ingestKeys.revoke({ actor, id, address }), 'key.revokedDone');
	}
};
