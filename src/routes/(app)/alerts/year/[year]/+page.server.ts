import { error, fail } from '@sveltejs/kit';
import { yearCloseDate } from '$lib/domain/cases/year-close';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import * as cases from '$lib/server/cases/index';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

function yearOf(param: string): number {
	if (!/^\d{4}$/.test(param)) error(404, 'No such year');
	return Number(param);
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('app:alerts');
	const year = yearOf(event.params.year);
	const [on, closed, list] = await Promise.all([
		cases.yearCloseOn(db()),
		cases.closedYears(db()),
		cases.listCases(db(), { year, yearClosed: true, limit: 1000 })
	]);
	const summary = list.rows.filter((c) => c.closedByYearClose);
	return {
		year,
		on,
		closeDate: yearCloseDate(year, on),
		closed: closed.has(year),
		rows: summary,
		canWork: user.role !== 'member'
	};
};

export const actions: Actions = {
	setting: async (event) => {
		const actor = requireRole(event, 'staff');
		const form = await event.request.formData();
		const on = String(form.get('on') ?? '').trim();
		if (!(await cases.saveYearCloseOn(db(), on, actor.id)))
			return fail(400, { problem: 'cases.yearClose.invalid' as const, on });
		return { saved: true };
	}
};
