import { requireDisplay } from '$lib/server/auth/guard';
import { readWallScreens } from '$lib/server/live-views/index';
import { runtime } from '$lib/server/runtime';
import { newestSevere } from '$lib/server/wall-screens';
import { dataKey } from '$lib/wall/screens';
import type { PageServerLoad } from './$types';

/**
 * Only what this display's playlist shows, loaded for the display (never for a person): each
 * screen's live view as the server's cache holds it; after this the display is pushed the current
 * screen's view when it changes.
 */
export const load: PageServerLoad = async (event) => {
	const display = requireDisplay(event);
	event.depends('app:wall');
	const [screens, severe] = await Promise.all([readWallScreens(display.playlist), newestSevere()]);
	return {
		display: { name: display.name },
		playlist: display.playlist.map((entry) => ({ ...entry, key: dataKey(entry) })),
		screens,
		severe,
		fiscalTz: runtime().config.fiscalTz
	};
};
