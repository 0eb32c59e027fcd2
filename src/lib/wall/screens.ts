/**
 * The screens a wall display can rotate through, and its playlist (which screens, in which order,
 * for how long, with which filters). Playlists are data kept per display in the database.
 *
 * Adding a screen takes three steps:
 *   1. an entry here (title, live topics, which filters it takes),
 *   2. a loader in src/lib/server/wall-screens.ts (`LOADERS`, typed by `ScreenData`),
 *   3. a component in src/lib/wall/ registered in src/lib/wall/components.ts.
 * The admin's playlist editor, the privacy walk and the wall page pick it up from this list.
 *
 * Pure and shared by the server (relative imports only).
 */
import type { LiveTopic } from '../live/events';
import { isBudgetKind, type BudgetKind } from '../domain/budget-kinds';

export interface ScreenDefinition {
	/** i18n key of the screen's title. */
	title: `wall.screen.${string}`;
	/** Live topics whose events make the screen reload its data. */
	topics: LiveTopic[];
	/** Whether the entry's budget kind applies to this screen. */
	takesKind: boolean;
	/** Whether the entry may name a budget year (default: the current fiscal year). */
	takesYear: boolean;
	/** Whether the entry may be limited to one department (its code). */
	takesDept: boolean;
}

/** Which of an entry's filters a screen takes. */
type Filter = 'kind' | 'year' | 'dept';

function screen(
	title: ScreenDefinition['title'],
	topics: LiveTopic[],
	filters: Filter[]
): ScreenDefinition {
	return {
		title,
		topics,
		takesKind: filters.includes('kind'),
		takesYear: filters.includes('year'),
		takesDept: filters.includes('dept')
	};
}

export const SCREENS = {
	overview: screen(
		'wall.screen.overview',
		['execution', 'plan', 'feed', 'alerts'],
		['kind', 'year']
	),
	functions: screen('wall.screen.functions', ['execution', 'plan', 'feed'], ['kind', 'year']),
	departments: screen('wall.screen.departments', ['execution', 'plan', 'feed'], ['kind', 'year']),
	revenue: screen('wall.screen.revenue', ['revenue', 'plan', 'feed'], ['kind', 'year']),
	alerts: screen('wall.screen.alerts', ['alerts', 'feed'], ['year', 'dept']),
	assets: screen('wall.screen.assets', ['asset', 'alerts'], ['year']),
	debt: screen('wall.screen.debt', ['debt', 'alerts'], ['year']),
	audit: screen('wall.screen.audit', ['audit', 'alerts'], ['year', 'dept']),
	payments: screen('wall.screen.payments', ['execution', 'feed'], ['dept'])
} satisfies Record<string, ScreenDefinition>;

export type ScreenId = keyof typeof SCREENS;
export const SCREEN_IDS = Object.keys(SCREENS) as ScreenId[];

export interface PlaylistEntry {
	screen: ScreenId;
	/** How long the screen stays up before the next one. */
	seconds: number;
	/** Budget kind for screens that take one; default `general`. */
	kind?: BudgetKind;
	/** Budget year for screens that take one; absent: the current fiscal year. */
	year?: number;
	/** Department code for screens that take one; absent: the whole city. */
	dept?: string;
}

export const MIN_SECONDS = 5;
export const MAX_SECONDS = 600;
export const MAX_ENTRIES = 12;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const DEPT_CODE = /^[0-9A-Za-z]{1,20}$/;

export const DEFAULT_PLAYLIST: PlaylistEntry[] = [
	{ screen: 'overview', seconds: 30, kind: 'general' },
	{ screen: 'payments', seconds: 20 }
];

export function isScreenId(value: unknown): value is ScreenId {
	return typeof value === 'string' && Object.hasOwn(SCREENS, value);
}

const blank = (v: unknown) => v === '' || v === null || v === undefined;

function parseEntry(item: Record<string, unknown>): PlaylistEntry | null {
	const { screen, seconds, kind, year, dept } = item;
	if (!isScreenId(screen)) return null;
	const def: ScreenDefinition = SCREENS[screen];
	const s = blank(seconds) ? Number.NaN : Math.round(Number(seconds));
	const entry: PlaylistEntry = {
		screen,
		seconds: Number.isFinite(s) ? Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, s)) : 30
	};
	if (def.takesKind) entry.kind = isBudgetKind(kind) ? kind : 'general';
	const y = blank(year) ? Number.NaN : Number(year);
	if (def.takesYear && Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR) entry.year = y;
	if (def.takesDept && typeof dept === 'string' && DEPT_CODE.test(dept.trim()))
		entry.dept = dept.trim();
	return entry;
}

/**
 * A playlist from stored or submitted data: unknown screens are dropped, seconds are clamped,
 * kinds, years and department codes are checked (a bad filter is left out). An empty result falls
 * back to the default playlist so a display never goes blank.
 */
export function parsePlaylist(raw: unknown): PlaylistEntry[] {
	if (!Array.isArray(raw)) return DEFAULT_PLAYLIST;
	const entries = raw
		.slice(0, MAX_ENTRIES)
		.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
		.map(parseEntry)
		.filter((e): e is PlaylistEntry => e !== null);
	return entries.length > 0 ? entries : DEFAULT_PLAYLIST;
}

/** Every wall follows these whatever it shows: a new severe alert interrupts it, a stopped feed makes it say so. */
export const WALL_TOPICS: readonly LiveTopic[] = ['alerts', 'feed'];

/** The live topics a display with this playlist follows. */
export function topicsOf(playlist: PlaylistEntry[]): LiveTopic[] {
	return [
		...new Set([
			...WALL_TOPICS,
			...playlist.flatMap((e) => SCREENS[e.screen].topics as readonly LiveTopic[])
		])
	].sort();
}

/**
 * A stable key for an entry's data (two entries of the same screen and filters share their data):
 * the key string of its live view (wallViewKeyString).
 */
export function dataKey(entry: PlaylistEntry): string {
	return wallViewKeyString(wallViewKey(entry));
}

/**
 * A playlist from an admin's form: parallel lists of screen, seconds, kind, year and department;
 * rows without a screen are skipped. Null when no row names a screen.
 */
export function playlistFromForm(
	screens: string[],
	seconds: string[],
	kinds: string[],
	years: string[] = [],
	depts: string[] = []
): PlaylistEntry[] | null {
	const raw = screens
		.map((screen, i) => ({
			screen,
			seconds: seconds[i],
			kind: kinds[i],
			year: years[i],
			dept: depts[i]
		}))
		.filter((r) => isScreenId(r.screen));
	return raw.length > 0 ? parsePlaylist(raw) : null;
}

/**
 * The live view of one playlist entry's screen (src/lib/live/views.ts): what the display is pushed
 * when the screen's data changes. Filters as in a playlist entry (absent: the default).
 */
export interface WallViewKey {
	view: 'wall';
	screen: ScreenId;
	kind?: BudgetKind;
	year?: number;
	dept?: string;
}

/** The view key of a playlist entry (its seconds left out). */
export function wallViewKey(entry: PlaylistEntry): WallViewKey {
	const { screen, kind, year, dept } = entry;
	return {
		view: 'wall',
		screen,
		...(kind !== undefined ? { kind } : {}),
		...(year !== undefined ? { year } : {}),
		...(dept !== undefined ? { dept } : {})
	};
}

/** The canonical string: `wall:<screen>:<kind>:<year>:<dept>`, an absent filter empty. */
export function wallViewKeyString(key: WallViewKey): string {
	return `wall:${key.screen}:${key.kind ?? ''}:${key.year ?? ''}:${key.dept ?? ''}`;
}

/**
 * A wall view key as sent by a client, checked like a playlist entry but strictly: a filter the
 * screen does not take, or a bad one, is refused (not dropped).
 */
export function parseWallViewKey(
	r: Record<string, unknown>
): { key: WallViewKey } | { error: string } {
	const extra = Object.keys(r).filter(
		(k) => !['view', 'screen', 'kind', 'year', 'dept'].includes(k)
	);
	if (extra.length > 0) return { error: `unknown field ${extra[0].slice(0, 40)}` };
	if (!isScreenId(r.screen)) return { error: 'screen is not a wall screen' };
	const entry = parseEntry({
		screen: r.screen,
		seconds: MIN_SECONDS,
		kind: r.kind,
		year: r.year,
		dept: r.dept
	});
	if (!entry) return { error: 'screen is not a wall screen' };
	for (const f of ['kind', 'year', 'dept'] as const)
		if (r[f] !== undefined && r[f] !== entry[f])
			return { error: `${f} is not a ${f} this screen takes` };
	return { key: wallViewKey(entry) };
}
