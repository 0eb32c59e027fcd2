// A wall screen as a live view: one playlist entry's data (wall-screens.ts), pushed to the displays
// showing it when an event of the screen's topics arrives. The data is what a display may see, whoever watches.
import { fiscalToday } from '../../domain/fiscal';
import type { LiveEvent } from '../../live/events';
import { SCREENS, type PlaylistEntry, type WallViewKey } from '../../wall/screens';
import { latestSeq } from '../snapshot';
import { db, runtime } from '../runtime';
import { contextOf, load, type Loaded } from '../wall-screens';
import type { ViewDefinition } from './definition';

function entryOf(key: WallViewKey): PlaylistEntry {
	const { screen, kind, year, dept } = key;
	return { screen, seconds: 0, kind, year, dept };
}

const contextToday = (key: WallViewKey) =>
	contextOf(entryOf(key), fiscalToday(runtime().config.fiscalTz));

export const wallView: ViewDefinition<WallViewKey, Loaded> = {
	concerns(key) {
		const topics: readonly string[] = SCREENS[key.screen].topics;
		return (event: LiveEvent) => topics.includes(event.topic);
	},
	// A new day moves time progress and, without a year, the as-of date.
	resolve: (key) => {
		const c = contextToday(key);
		return `${c.year}:${c.asOf}`;
	},
	async compute(key) {
		const c = contextToday(key);
		// Read first: the data then includes at least everything up to it.
		const seq = await latestSeq(db());
		return { seq, data: await load(key.screen, c) };
	}
};
