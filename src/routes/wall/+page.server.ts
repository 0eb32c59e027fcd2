import { requireDisplay } from '$lib/server/auth/guard';
import { runtime } from '$lib/server/runtime';
import { newestSevere, screensData } from '$lib/server/wall-screens';
import { dataKey } from '$lib/wall/screens';
import type { PageServerLoad } from './$types';

/** Only what this display's playlist shows, loaded for the display (never for a person). */
export const load: PageServerLoad = async (event) => {
	const display = requireDisplay(event);
	event.depends('app:wall');
	const [{ seq, byKey }, severe] = await Promise.all([
		screensData(display.playlist),
		newestSevere()
	]);
	return {
		display: { name: display.name },
		playlist: display.playlist.map((entry) => ({ ...entry, key: dataKey(entry) })),
		screens: byKey,
		severe,
		seq,
		fiscalTz: runtime().config.fiscalTz
	};
};
