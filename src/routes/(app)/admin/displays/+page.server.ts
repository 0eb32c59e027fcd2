import { fail } from '@sveltejs/kit';
import { BUDGET_KINDS } from '$lib/domain/budget-kinds';
import * as displays from '$lib/server/accounts/displays';
import { requireRole } from '$lib/server/auth/guard';
import {
	DEFAULT_PLAYLIST,
	MAX_ENTRIES,
	playlistFromForm,
	SCREEN_IDS,
	SCREENS
} from '$lib/wall/screens';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return {
		displays: await displays.list(),
		screens: SCREEN_IDS.map((id) => ({
			id,
			title: SCREENS[id].title,
			takesKind: SCREENS[id].takesKind
		})),
		kinds: [...BUDGET_KINDS],
		defaultPlaylist: DEFAULT_PLAYLIST,
		maxEntries: MAX_ENTRIES
	};
};

async function formOf(event: RequestEvent) {
	const form = await event.request.formData();
	const id = Number(form.get('id'));
	const strings = (name: string) => form.getAll(name).map((v) => String(v));
	return {
		form,
		id: Number.isSafeInteger(id) && id > 0 ? id : null,
		playlist: playlistFromForm(strings('screen'), strings('seconds'), strings('kind'))
	};
}

export const actions: Actions = {
	create: async (event) => {
		const actor = requireRole(event, 'admin');
		const { form, playlist } = await formOf(event);
		const name = String(form.get('name') ?? '').slice(0, 200);
		if (!playlist) return fail(400, { problem: 'display.playlist.empty' as const, name });
		const result = await displays.register({
			actor,
			name,
			playlist,
			address: event.getClientAddress()
		});
		if (!result.ok) return fail(400, { problem: result.problem, name });
		return { secret: { name: result.name, code: result.code, expiresAt: result.expiresAt } };
	},
	renew: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id } = await formOf(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		const result = await displays.renew({ actor, id, address: event.getClientAddress() });
		if (!result.ok) return fail(400, { problem: result.problem });
		return { secret: { name: result.name, code: result.code, expiresAt: result.expiresAt } };
	},
	playlist: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id, playlist } = await formOf(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		if (!playlist) return fail(400, { problem: 'display.playlist.empty' as const });
		const problem = await displays.changePlaylist({
			actor,
			id,
			playlist,
			address: event.getClientAddress()
		});
		return problem ? fail(400, { problem }) : { done: 'display.playlistSaved' as const };
	},
	revoke: async (event) => {
		const actor = requireRole(event, 'admin');
		const { id } = await formOf(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		const problem = await displays.revoke({ actor, id, address: event.getClientAddress() });
		return problem ? fail(400, { problem }) : { done: 'display.revokedDone' as const };
	}
};
