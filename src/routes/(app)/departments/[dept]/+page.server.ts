import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import * as departments from '$lib/server/departments/index';
import * as rectification from '$lib/server/rectification/index';
import { db } from '$lib/server/runtime';
import { periodQuery } from '$lib/server/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	if (!/^\d{1,20}$/.test(event.params.dept)) error(404, 'A department code has digits only');
	const period = periodQuery(event.url);
	const { year, budgetKind, asOf } = period;
	const dept = await departments.department({ year, budgetKind, asOf }, event.params.dept);
	if (dept.node.name === null && dept.lines.length === 0 && dept.payments === 0)
		error(404, `No department ${event.params.dept}`);
	const audit = await rectification.departmentFindingCounts(db(), event.params.dept);
	return { period, dept, audit };
};
