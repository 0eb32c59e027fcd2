/**
 * The screens a wall display can rotate through, and its playlist (which screens, in which order,
 * for how long). Playlists are data kept per display in the database; a screen is a loader in
 * src/lib/server/wall.ts plus a component in src/lib/wall/ (`OverviewScreen.svelte`, chosen by id
 * in src/routes/wall/+page.svelte), registered here with the live topics it follows. A display's socket joins only the topics of its playlist's screens.
 *
 * Pure and shared by the server (relative imports only).
 */
import type { LiveTopic } from '../live/events';
import { isBudgetKind, type BudgetKind } from '../domain/budget-kinds';

export interface ScreenDefinition {
	/** i18n key of the screen's title. */
	title: 'wall.screen.overview' | 'wall.screen.payments';
	/** Live topics whose events make the screen reload its data. */
	topics: LiveTopic[];
	/** Whether the entry's budget kind applies to this screen. */
	takesKind: boolean;
}

export const SCREENS = {
	overview: {
		title: 'wall.screen.overview',
		topics: ['execution', 'plan', 'feed', 'alerts'],
		takesKind: true
	},
	payments: { title: 'wall.screen.payments', topics: ['execution', 'feed'], takesKind: false }
} as const satisfies Record<string, ScreenDefinition>;

export type ScreenId = keyof typeof SCREENS;
export const SCREEN_IDS = Object.keys(SCREENS) as ScreenId[];

export interface PlaylistEntry {
	screen: ScreenId;
	/** How long the screen stays up before the next one. */
	seconds: number;
	/** Budget kind for screens that take one; default `general`. */
	kind?: BudgetKind;
}

export const MIN_SECONDS = 5;
export const MAX_SECONDS = 600;
export const MAX_ENTRIES = 12;

export const DEFAULT_PLAYLIST: PlaylistEntry[] = [
	{ screen: 'overview', seconds: 30, kind: 'general' },
	{ screen: 'payments', seconds: 20 }
];

export function isScreenId(value: unknown): value is ScreenId {
	return typeof value === 'string' && Object.hasOwn(SCREENS, value);
}

/**
 * A playlist from stored or submitted data: unknown screens are dropped, seconds are clamped,
 * kinds are checked. An empty result falls back to the default playlist so a display never goes blank.
 */
export function parsePlaylist(raw: unknown): PlaylistEntry[] {
	if (!Array.isArray(raw)) return DEFAULT_PLAYLIST;
	const entries: PlaylistEntry[] = [];
	for (const item of raw.slice(0, MAX_ENTRIES)) {
		if (typeof item !== 'object' || item === null) continue;
		const { screen, seconds, kind } = item as Record<string, unknown>;
		if (!isScreenId(screen)) continue;
		const s =
			seconds === '' || seconds === null || seconds === undefined
				? Number.NaN
				: Math.round(Number(seconds));
		const entry: PlaylistEntry = {
			screen,
			seconds: Number.isFinite(s) ? Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, s)) : 30
		};
		if (SCREENS[screen].takesKind) entry.kind = isBudgetKind(kind) ? kind : 'general';
		entries.push(entry);
	}
	return entries.length > 0 ? entries : DEFAULT_PLAYLIST;
}

/** The live topics a display with this playlist follows. */
export function topicsOf(playlist: PlaylistEntry[]): LiveTopic[] {
	return [
		...new Set(playlist.flatMap((e) => SCREENS[e.screen].topics as readonly LiveTopic[]))
	].sort();
}

/** A stable key for an entry's data (two entries of the same screen and kind share their data). */
export function dataKey(entry: PlaylistEntry): string {
	return entry.kind ? `${entry.screen}:${entry.kind}` : entry.screen;
}

/**
 * A playlist from an admin's form: parallel lists of screen, seconds and kind; rows without a
 * screen are skipped. Null when no row names a screen.
 */
export function playlistFromForm(
	screens: string[],
	seconds: string[],
	kinds: string[]
): PlaylistEntry[] | null {
	const raw = screens
		.map((screen, i) => ({ screen, seconds: seconds[i], kind: kinds[i] }))
		.filter((r) => isScreenId(r.screen));
	return raw.length > 0 ? parsePlaylist(raw) : null;
}
