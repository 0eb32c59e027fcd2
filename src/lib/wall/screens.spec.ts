import { describe, expect, it } from 'vitest';
import {
	dataKey,
	DEFAULT_PLAYLIST,
	MAX_SECONDS,
	MIN_SECONDS,
	parsePlaylist,
	playlistFromForm,
	topicsOf,
	wallViewKey
} from './screens';
import { parseViewKey, viewKeyString } from '../live/views';

describe('wall playlists', () => {
	it('keeps known screens in order, clamps seconds and checks the budget kind', () => {
		expect(
			parsePlaylist([
				{ screen: 'payments', seconds: 1 },
				{ screen: 'overview', seconds: 9999, kind: 'fund' },
				{ screen: 'overview', seconds: '45', kind: 'lottery' },
				{ screen: 'ledger-with-names', seconds: 30 },
				'overview'
			])
		).toEqual([
			{ screen: 'payments', seconds: MIN_SECONDS },
			{ screen: 'overview', seconds: MAX_SECONDS, kind: 'fund' },
			{ screen: 'overview', seconds: 45, kind: 'general' }
		]);
	});

	it('never leaves a display blank: nothing usable means the default playlist', () => {
		expect(parsePlaylist(null)).toEqual(DEFAULT_PLAYLIST);
		expect(parsePlaylist([{ screen: '__proto__' }, { screen: 'toString' }])).toEqual(
			DEFAULT_PLAYLIST
		);
	});

	it('follows only the live topics of its screens', () => {
		// Every wall follows alerts (a severe one interrupts it) and the feed (its stale banner).
		expect(topicsOf([{ screen: 'payments', seconds: 20 }])).toEqual([
			'alerts',
			'execution',
			'feed'
		]);
		expect(topicsOf([{ screen: 'revenue', seconds: 20 }])).toEqual([
			'alerts',
			'feed',
			'plan',
			'revenue'
		]);
		expect(topicsOf(DEFAULT_PLAYLIST)).toEqual(['alerts', 'execution', 'feed', 'plan']); // alerts events carry ids, levels and counts, no names
		expect(topicsOf(DEFAULT_PLAYLIST)).not.toContain('quarantine');
	});

	it('reads an admin form of parallel rows, skipping rows without a screen', () => {
		expect(
			playlistFromForm(
				['overview', '', 'payments'],
				['30', '20', '15'],
				['capital', 'general', 'general']
			)
		).toEqual([
			{ screen: 'overview', seconds: 30, kind: 'capital' },
			{ screen: 'payments', seconds: 15 }
		]);
		expect(playlistFromForm(['', ''], ['1', '2'], ['general', 'general'])).toBeNull();
		expect(playlistFromForm(['payments'], [''], ['general'])).toEqual([
			{ screen: 'payments', seconds: 30 }
		]);
	});
});

describe('wall filters', () => {
	it('keeps a year and a department only where the screen takes them, and only when well-formed', () => {
		expect(
			parsePlaylist([
				{ screen: 'functions', seconds: 20, kind: 'fund', year: '2025' },
				{ screen: 'alerts', seconds: 20, year: 2024, dept: ' 122 ' },
				{ screen: 'payments', seconds: 20, year: 2024, dept: '122' },
				{ screen: 'overview', seconds: 20, year: '1899', dept: '122' },
				{ screen: 'alerts', seconds: 20, year: 'x', dept: "1'; drop" }
			])
		).toEqual([
			{ screen: 'functions', seconds: 20, kind: 'fund', year: 2025 },
			{ screen: 'alerts', seconds: 20, year: 2024, dept: '122' },
			{ screen: 'payments', seconds: 20, dept: '122' },
			{ screen: 'overview', seconds: 20, kind: 'general' },
			{ screen: 'alerts', seconds: 20 }
		]);
	});

	it('reads the year and department columns of the admin form and keys data by every filter', () => {
		const list = playlistFromForm(
			['revenue', 'alerts'],
			['30', '15'],
			['general', 'general'],
			['2025', ''],
			['', '126']
		)!;
		expect(list).toEqual([
			{ screen: 'revenue', seconds: 30, kind: 'general', year: 2025 },
			{ screen: 'alerts', seconds: 15, dept: '126' }
		]);
		expect(list.map(dataKey)).toEqual(['wall:revenue:general:2025:', 'wall:alerts:::126']);
	});
});

describe('wall budget kinds', () => {
	it('accepts every budget kind the records know', async () => {
		const { BUDGET_KINDS } = await import('../domain/budget-kinds');
		for (const kind of BUDGET_KINDS)
			expect(parsePlaylist([{ screen: 'overview', seconds: 30, kind }])[0].kind).toBe(kind);
	});
});

describe('wall live view keys', () => {
	it('names a playlist entry’s screen and filters, one string per view', () => {
		const [entry] = parsePlaylist([{ screen: 'alerts', seconds: 20, year: 2025, dept: '126' }]);
		const key = wallViewKey(entry);
		expect(key).toEqual({ view: 'wall', screen: 'alerts', year: 2025, dept: '126' });
		expect(viewKeyString(key)).toBe('wall:alerts::2025:126');
		expect(parseViewKey({ ...key })).toEqual({ key });
		expect(parseViewKey({ view: 'wall', screen: 'overview' })).toEqual({
			key: { view: 'wall', screen: 'overview', kind: 'general' }
		});
	});

	it.each([
		[{ view: 'wall' }],
		[{ view: 'wall', screen: 'nonsense' }],
		[{ view: 'wall', screen: 'overview', kind: 'General' }],
		[{ view: 'wall', screen: 'payments', year: 2025 }],
		[{ view: 'wall', screen: 'alerts', year: 1999 }],
		[{ view: 'wall', screen: 'alerts', dept: '12 6' }],
		[{ view: 'wall', screen: 'overview', audience: 'staff' }]
	])('refuses %j', (raw) => {
		expect(parseViewKey(raw)).toHaveProperty('error');
	});
});
