/**
 * What the admin pages' form actions share (users, displays, ingest keys): the acting admin, the
 * submitted form with the row it names, the client's address, and the action's answer.
 *
 * Usage:
 *   const { actor, id, address } = await adminForm(event);
 *   if (id === null) return fail(400, { problem: 'display.notFound' as const });
 *   return answer(await displays.revoke({ actor, id, address }), 'display.revokedDone');
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from './auth/guard';

/** The admin acting (403 for anyone else), the form, its `id` as a positive integer or null, and the address. */
export async function adminForm(event: RequestEvent) {
	const actor = requireRole(event, 'admin');
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	return {
		actor,
		form,
		id: Number.isSafeInteger(id) && id > 0 ? id : null,
		address: event.getClientAddress()
	};
}

/** An operation's answer to the page: 400 with its problem, or what was done. */
export function answer<P extends string, D extends string>(problem: P | null, done: D) {
	return problem ? fail(400, { problem }) : { done };
}
