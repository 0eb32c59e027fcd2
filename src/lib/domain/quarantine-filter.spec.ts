import { describe, expect, it } from 'vitest';
import { parseQuarantineFilter, quarantineSearch } from './quarantine-filter';

const parse = (s: string) => parseQuarantineFilter(new URLSearchParams(s));

describe('quarantine filter', () => {
	it('shows open entries of every kind by default', () => {
		expect(parse('')).toEqual({ filter: { status: 'open', page: 1 }, errors: [] });
	});

	it('reads kind, status, reason text, batch, dates and page', () => {
		const { filter, errors } = parse(
			'kind=payment&status=all&q=conflict&batch=b-1&from=2026-11-01&to=2026-11-28&page=3'
		);
		expect(errors).toEqual([]);
		expect(filter).toEqual({
			kind: 'payment',
			status: 'all',
			q: 'conflict',
			batch: 'b-1',
			from: '2026-11-01',
			to: '2026-11-28',
			page: 3
		});
	});

	it('drops bad values and says which', () => {
		const { filter, errors } = parse(
			'kind=invoice&status=gone&from=2026-02-30&batch=<script>&page=-2'
		);
		expect(filter).toEqual({ status: 'open', page: 1 });
		expect(errors).toHaveLength(4);
		expect(errors[0]).toMatch(/^kind: /);
	});

	it('writes a filter back without its defaults, so links round-trip', () => {
		const { filter } = parse('kind=plan&q=amount&page=2');
		expect(quarantineSearch(filter)).toBe('?kind=plan&q=amount&page=2');
		expect(quarantineSearch(filter, { page: 1, status: 'discarded' })).toBe(
			'?kind=plan&status=discarded&q=amount'
		);
		expect(parse(quarantineSearch(filter).slice(1)).filter).toEqual(filter);
	});
});
