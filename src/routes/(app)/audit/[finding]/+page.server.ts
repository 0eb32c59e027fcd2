import { error, fail } from '@sveltejs/kit';
import { nextStatuses, WORK_FIELDS, type WorkField } from '$lib/domain/rectification';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { viewerOf } from '$lib/server/privacy';
import * as rectification from '$lib/server/rectification/index';
import type { Actions, PageServerLoad } from './$types';

const idOf = (param: string) => (/^[\w.:-]{1,100}$/.test(param) ? param : null);

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('app:audit');
	const id = idOf(event.params.finding);
	const page = id === null ? null : await rectification.findingPage(id, viewerOf(event.locals));
	if (!page) error(404, `No audit finding ${event.params.finding.slice(0, 40)}`);
	return {
		page,
		canEdit: user.role !== 'member',
		statuses: nextStatuses(user.role, page.finding.status)
	};
};

export const actions: Actions = {
	/** Staff record the work on a finding: only the fields the form sends change. */
	update: async (event) => {
		const actor = requireRole(event, 'staff');
		const id = idOf(event.params.finding);
		if (id === null) return fail(404, { field: 'id', problem: 'no such finding' });
		const form = await event.request.formData();
		const input: Partial<Record<WorkField, string>> = {};
		for (const f of WORK_FIELDS) {
			const v = form.get(f);
			if (typeof v === 'string') input[f] = v;
		}
		const outcome = await rectification.updateFinding(actor, id, input);
		if (!outcome.ok)
			return fail(outcome.status, { field: outcome.field, problem: outcome.problem });
		return { changed: outcome.changed };
	}
};
