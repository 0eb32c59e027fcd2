/**
 * The live views (src/lib/live/views.ts): one definition per kind, and how a page's first load reads
 * one. On the app server the read goes through the node's cache (server/realtime/views.ts), the same
 * state its sockets are pushed; elsewhere (tests, scripts) it is computed.
 *
 * Usage (a page's load): const view = await readView(key, viewerOf(event.locals));
 */
import { viewKeyString, type LiveView, type OverviewViewKey, type ViewKey } from '../../live/views';
import type { Overview } from '../execution';
import { hasRuntime, runtime } from '../runtime';
import type { ViewAudience, ViewDefinition } from './definition';
import { overviewView } from './overview';
import { wallView } from './wall';
import type { Loaded } from '../wall-screens';
import { dataKey, wallViewKey, type PlaylistEntry } from '../../wall/screens';

export type { ViewAudience, ViewDefinition };

const DEFINITIONS: { [N in ViewKey['view']]: ViewDefinition<Extract<ViewKey, { view: N }>> } = {
	overview: overviewView,
	wall: wallView
};

/** The definition of a key's kind of view. */
export function definitionOf(key: ViewKey): ViewDefinition {
	return DEFINITIONS[key.view] as ViewDefinition;
}

/** Computes a view without any cache. */
export async function computeView(key: ViewKey, audience: ViewAudience): Promise<LiveView> {
	const { seq, data } = await definitionOf(key).compute(key, audience);
	return { key: viewKeyString(key), seq, data };
}

/** A view as the audience sees it: from this node's live view cache when there is one. */
export async function readView(key: ViewKey, audience: ViewAudience): Promise<LiveView> {
	const cache = hasRuntime() ? runtime().views : undefined;
	return cache ? cache.read(key, audience) : computeView(key, audience);
}

/** The overview of a year and budget kind as a live view. */
export async function readOverview(
	key: OverviewViewKey,
	audience: ViewAudience
): Promise<LiveView<Overview>> {
	return (await readView(key, audience)) as LiveView<Overview>;
}

/**
 * Each distinct screen of a wall playlist once, as the display's live views, keyed by dataKey(entry)
 * (the view's key string): the page's first load, the same state the display is pushed afterwards.
 */
export async function readWallScreens(
	playlist: PlaylistEntry[]
): Promise<Record<string, LiveView<Loaded>>> {
	const distinct = [...new Map(playlist.map((e) => [dataKey(e), e])).values()];
	const read = await Promise.all(distinct.map((e) => readView(wallViewKey(e), 'display')));
	return Object.fromEntries(read.map((v) => [v.key, v as LiveView<Loaded>]));
}
