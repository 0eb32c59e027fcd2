import { fail } from '@sveltejs/kit';
import { BUDGET_KINDS } from '$lib/domain/budget-kinds';
import * as displays from '$lib/server/accounts/displays';
import { adminForm, answer } from '$lib/server/admin-form';
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

/** The admin's form with the playlist its rows describe (null when no row names a screen). */
async function playlistForm(event: RequestEvent) {
	const submitted = await adminForm(event);
	const strings = (name: string) => submitted.form.getAll(name).map((v) => String(v));
	return {
		...submitted,
		playlist: playlistFromForm(
			strings('screen'),
			strings('seconds'),
			strings('kind'),
			strings('year'),
			strings('dept')
		)
	};
}

export const actions: Actions = {
	create: async (event) => {
		const { actor, form, playlist, address } = await playlistForm(event);
		const name = String(form.get('name') ?? '').slice(0, 200);
		if (!playlist) return fail(400, { problem: 'display.playlist.empty' as const, name });
		const result = await displays.register({ actor, name, playlist, address });
		if (!result.ok) return fail(400, { problem: result.problem, name });
		return { secret: { name: result.name, code: result.code, expiresAt: result.expiresAt } };
	},
	renew: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		const result = await displays.renew({ actor, id, address });
		if (!result.ok) return fail(400, { problem: result.problem });
		return { secret: { name: result.name, code: result.code, expiresAt: result.expiresAt } };
	},
	playlist: async (event) => {
		const { actor, id, playlist, address } = await playlistForm(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		if (!playlist) return fail(400, { problem: 'display.playlist.empty' as const });
		return answer(
			await displays.changePlaylist({ actor, id, playlist, address }),
			'display.playlistSaved'
		);
	},
	revoke: async (event) => {
		const { actor, id, address } = await adminForm(event);
		if (id === null) return fail(400, { problem: 'display.notFound' as const });
		return answer(await displays.revoke({ actor, id, address }), 'display.revokedDone');
	}
};
