import { requireUser } from '$lib/server/auth/guard';
import { runtime } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => ({
	user: requireUser(event),
	fiscalTz: runtime().config.fiscalTz
});
