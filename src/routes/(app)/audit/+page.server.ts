import { error, fail } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { viewerOf } from '$lib/server/privacy';
import * as rectification from '$lib/server/rectification/index';
import type { Actions, PageServerLoad } from './$types';

/** `?year=YYYY` (default: the latest audit year), `&dept=CODE` (one department and its units). */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('app:audit');
	const yearParam = event.url.searchParams.get('year');
	if (yearParam !== null && (!/^\d{4}$/.test(yearParam) || +yearParam < 2000 || +yearParam > 2100))
		error(400, 'year must be a year between 2000 and 2100');
	const dept = event.url.searchParams.get('dept');
	if (dept !== null && !/^\d{1,20}$/.test(dept)) error(400, 'dept must be a department code');
	const page = await rectification.auditPage(
		yearParam === null ? null : Number(yearParam),
		viewerOf(event.locals),
		dept ?? undefined
	);
	return { page, canEdit: user.role !== 'member' };
};

const FIELDS = [
	'year',
	'unitCode',
	'unitName',
	'category',
	'description',
	'amount',
	'type',
	'dueDate'
];

export const actions: Actions = {
	/** Staff add a finding by hand. */
	create: async (event) => {
		const actor = requireRole(event, 'staff');
		const form = await event.request.formData();
		const input: Record<string, string> = {};
		for (const f of FIELDS) input[f] = String(form.get(f) ?? '').trim();
		const created = await rectification.createFinding(actor, input);
		if (!created.ok) return fail(created.status, { createProblem: created.problem, input });
		return { created: created.id };
	}
};
