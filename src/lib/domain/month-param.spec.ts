import { describe, expect, it } from 'vitest';
import { parseLedgerFilter } from './ledger-filter';
import { monthRange, parseMonthParam } from './month-param';

describe('?month= in a URL', () => {
	it('reads YYYY-MM and a bare month number', () => {
		expect(parseMonthParam('2026-10')).toEqual({ year: 2026, month: 10 });
		expect(parseMonthParam('2026-1')).toEqual({ year: 2026, month: 1 });
		expect(parseMonthParam('10')).toEqual({ month: 10 });
		for (const bad of ['2026-13', '0', '2026-00', 'oct', '2026/10', '202610', ''])
			expect(parseMonthParam(bad), bad).toBeNull();
	});
	it('gives the month’s days; the ledger filter takes the month up to asOf', () => {
		expect(monthRange(2028, 2)).toEqual(['2028-02-01', '2028-02-29']);
		const f = parseLedgerFilter(new URLSearchParams('month=2026-12'), 2026, '2026-12-06');
		expect(f.ok && [f.filter.from, f.filter.to]).toEqual(['2026-12-01', '2026-12-06']);
		const bare = parseLedgerFilter(new URLSearchParams('month=3'), 2026, '2026-12-06');
		expect(bare.ok && [bare.filter.from, bare.filter.to]).toEqual(['2026-03-01', '2026-03-31']);
		const other = parseLedgerFilter(new URLSearchParams('month=2025-03'), 2026, '2026-12-06');
		expect(other.ok).toBe(false);
		const both = parseLedgerFilter(
			new URLSearchParams('month=2026-03&to=2026-03-10'),
			2026,
			'2026-12-06'
		);
		expect(both.ok && [both.filter.from, both.filter.to]).toEqual(['2026-03-01', '2026-03-10']);
	});
});
