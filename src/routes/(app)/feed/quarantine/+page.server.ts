import { fail } from '@sveltejs/kit';
import { parseQuarantineFilter } from '$lib/domain/quarantine-filter';
import { reasonInChinese } from '$lib/domain/reason-text';
import type { Locale } from '$lib/i18n';
import { requireRole } from '$lib/server/auth/guard';
import * as feed from '$lib/server/feed';
import { db, runtime } from '$lib/server/runtime';
import { latestSeq } from '$lib/server/snapshot';
import type { Actions, PageServerLoad } from './$types';

/** `?kind&status&q&batch&from&to&page` filter the list; `?edit=<id>` opens the correction form. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'staff');
	event.depends('app:quarantine');
	const { filter, errors } = parseQuarantineFilter(event.url.searchParams);
	const editParam = Number(event.url.searchParams.get('edit'));
	const ex = db();
	const seq = await latestSeq(ex);
	const [list, editing] = await Promise.all([
		feed.quarantined(ex, filter, runtime().config.fiscalTz),
		Number.isSafeInteger(editParam) && editParam > 0
			? feed.entry(ex, editParam)
			: Promise.resolve(null)
	]);
	const locale = event.locals.locale;
	return {
		seq,
		filter,
		errors,
		list: {
			...list,
			rows: list.rows.map((e) => ({ ...e, reasonShown: reasonShown(e.reason, locale) }))
		},
		editing: editing && { ...editing, reasonShown: reasonShown(editing.reason, locale) }
	};
};

/** Reasons are stored as the server worded them for senders (English); staff read them in their language. */
function reasonShown(reason: string, locale: Locale): string {
	return locale === 'zh' ? reasonInChinese(reason) : reason;
}

function entryId(form: FormData): number | null {
	const id = Number(form.get('id'));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const actions: Actions = {
	resubmit: async (event) => {
		const actor = requireRole(event, 'staff');
		const form = await event.request.formData();
		const id = entryId(form);
		const json = String(form.get('raw') ?? '');
		if (id === null) return fail(400, { problem: 'notFound' as const, id: 0, json });
		const outcome = await feed.resubmit({ actor, id, json, ip: event.getClientAddress() });
		if (!outcome.ok) {
			const reason = outcome.reason ?? '';
			return fail(outcome.problem === 'unavailable' ? 503 : 400, {
				problem: outcome.problem,
				reason,
				reasonShown: reasonShown(reason, event.locals.locale),
				id,
				json
			});
		}
		return {
			done: outcome.accepted > 0 ? ('resubmitted' as const) : ('duplicate' as const),
			id,
			batchId: outcome.batchId
		};
	},
	discard: async (event) => {
		const actor = requireRole(event, 'staff');
		const form = await event.request.formData();
		const id = entryId(form);
		if (id === null) return fail(400, { problem: 'notFound' as const, id: 0 });
		const problem = await feed.discard({ actor, id, ip: event.getClientAddress() });
		if (problem) return fail(400, { problem, id });
		return { done: 'discarded' as const, id };
	}
};
