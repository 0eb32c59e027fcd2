import { describe, expect, it } from 'vitest';
import { parseViewKey, viewKeyString } from './views';

describe('live view keys', () => {
	it('has one string per view, with the as-of date only when named', () => {
		expect(viewKeyString({ view: 'overview', year: 2026, budgetKind: 'general' })).toBe(
			'overview:2026:general'
		);
		expect(
			viewKeyString({ view: 'overview', year: 2026, budgetKind: 'fund', asOf: '2026-03-31' })
		).toBe('overview:2026:fund:2026-03-31');
	});

	it('takes a well-formed key and normalises a null as-of away', () => {
		expect(parseViewKey({ view: 'overview', year: 2026, budgetKind: 'social' })).toEqual({
			key: { view: 'overview', year: 2026, budgetKind: 'social' }
		});
		expect(
			parseViewKey({ view: 'overview', year: 2026, budgetKind: 'general', asOf: null })
		).toEqual({ key: { view: 'overview', year: 2026, budgetKind: 'general' } });
		expect(
			parseViewKey({ view: 'overview', year: 2024, budgetKind: 'general', asOf: '2024-02-29' })
		).toEqual({ key: { view: 'overview', year: 2024, budgetKind: 'general', asOf: '2024-02-29' } });
	});

	it.each([
		[null],
		['overview:2026:general'],
		[[{ view: 'overview' }]],
		[{ view: 'payments', year: 2026, budgetKind: 'general' }],
		[{ view: 'overview', year: '2026', budgetKind: 'general' }],
		[{ view: 'overview', year: 2026.5, budgetKind: 'general' }],
		[{ view: 'overview', year: 1999, budgetKind: 'general' }],
		[{ view: 'overview', year: 2101, budgetKind: 'general' }],
		[{ view: 'overview', year: 2026, budgetKind: 'General' }],
		[{ view: 'overview', year: 2026, budgetKind: 'general', asOf: '2025-12-31' }],
		[{ view: 'overview', year: 2026, budgetKind: 'general', asOf: '2026-02-30' }],
		[{ view: 'overview', year: 2026, budgetKind: 'general', asOf: 20260101 }],
		[{ view: 'overview', year: 2026, budgetKind: 'general', audience: 'staff' }]
	])('refuses %j', (raw) => {
		expect(parseViewKey(raw)).toHaveProperty('error');
	});
});
