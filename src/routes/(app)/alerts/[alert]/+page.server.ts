import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { entityHref, isAssetCause } from '$lib/domain/assets';
import * as cases from '$lib/server/cases/index';
import * as delivery from '$lib/server/alerts/delivery/index';
import { mayOpenPage } from '$lib/server/auth/access';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import * as ledger from '$lib/server/ledger/queries';
import { showNotes, viewerOf } from '$lib/server/privacy';
import { db, runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The case id of the URL: a positive integer, else null. */
function idOf(param: string): number | null {
	return /^\d{1,15}$/.test(param) && Number(param) > 0 ? Number(param) : null;
}

/** At most this many payments of a case are shown with their payee. */
const PAYMENTS_SHOWN = 60;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.depends('app:alerts');
	const id = idOf(event.params.alert);
	const found = id === null ? null : await cases.casePage(id);
	if (!found) error(404, `No case ${event.params.alert.slice(0, 40)}`);
	const viewer = viewerOf(event.locals);
	// Staff's notes may name the person they checked with: masked as the privacy rule says.
	const history = await showNotes(found.case.history, viewer);
	const page = { ...found, case: { ...found.case, history } };
	// Links to the rows behind each finding only where this person may follow them (feed pages are staff's).
	const rowsOpen = page.case.findings.map((f) =>
		mayOpenPage(f.rowsHref, { role: user.role, display: false })
	);
	// Payments' payee and 用途, as this person may see them (explanations carry neither).
	const paymentIds = page.case.findings
		.filter((f) => f.ruleType === 'largePayment')
		.slice(0, PAYMENTS_SHOWN)
		.map((f) => f.subjectKey);
	const payments = Object.fromEntries(
		(await Promise.all(paymentIds.map((p) => ledger.payment(p, viewer))))
			.filter((p) => p !== null)
			.map((p) => [p.id, p])
	);
	// A leverage or preservation case is about an asset-report entity (its code): its page.
	const entity = isAssetCause(page.case.cause) ? entityHref(page.case.subject) : null;
	return { page, canWork: user.role !== 'member', rowsOpen, payments, entityHref: entity };
};

/** Moves the case along its lifecycle; 反馈 and 误报 need a note saying what was found. */
async function work(
	event: RequestEvent<{ alert: string }>,
	to: 'acknowledged' | 'resolved' | 'dismissed'
) {
	const actor = requireRole(event, 'staff');
	const form = await event.request.formData();
	const note = String(form.get('note') ?? '')
		.trim()
		.slice(0, 2000);
	const id = idOf(event.params.alert);
	if (id === null) return fail(404, { problem: 'alert.work.notFound' as const, note });
	if ((to === 'acknowledged' || to === 'dismissed') && note === '')
		return fail(400, { problem: 'alert.work.noteRequired' as const, note, to });
	const result = await cases.changeCaseStatus(
		db(),
		{ id, to, note, actorId: actor.id },
		runtime().live
	);
	if (!result.ok) {
		const problem =
			result.status === 404
				? 'alert.work.notFound'
				: result.status === 409
					? 'alert.work.notAllowed'
					: 'alert.work.noteRequired';
		return fail(result.status, {
			problem: problem as
				'alert.work.notFound' | 'alert.work.notAllowed' | 'alert.work.noteRequired',
			note,
			to
		});
	}
	return { done: to };
}

export const actions: Actions = {
	acknowledge: (event) => work(event, 'acknowledged'),
	resolve: (event) => work(event, 'resolved'),
	dismiss: (event) => work(event, 'dismissed'),
	redeliver: async (event) => {
		requireRole(event, 'staff');
		const form = await event.request.formData();
		const deliveryId = Number(form.get('delivery'));
		const id = idOf(event.params.alert);
		if (id === null || !Number.isSafeInteger(deliveryId) || deliveryId <= 0)
			return fail(404, { problem: 'alert.work.notFound' as const });
		if (!(await delivery.retryDelivery(db(), deliveryId, String(id))))
			return fail(409, { problem: 'alert.work.notAllowed' as const });
		return { redelivered: true };
	}
};
