import { describe, expect, it } from 'vitest';
import { csvField, ledgerParams, parseLedgerFilter } from './ledger-filter';

const parse = (q: string) => parseLedgerFilter(new URLSearchParams(q), 2026, '2026-11-28');

describe('ledger filter', () => {
	it('defaults to the whole year through the as-of date, newest first, 50 a page', () => {
		expect(parse('')).toEqual({
			ok: true,
			filter: expect.objectContaining({
				from: '2026-01-01',
				to: '2026-11-28',
				sort: 'paidAt',
				dir: 'desc',
				page: 1,
				size: 50
			})
		});
	});
	it('reads every field and writes the same filter back', () => {
		const q =
			'from=2026-03-01&to=2026-03-31&dept=122&agency=122002&func=205&econ=302&project=2026122001&min=1000&max=50000.5&payee=%E5%8D%8E%E8%81%94&sort=amount&dir=asc&page=3&size=100';
		const parsed = parse(q);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.filter).toMatchObject({
			dept: '122',
			func: '205',
			econ: '302',
			min: '1000',
			max: '50000.5',
			payee: '华联',
			sort: 'amount',
			dir: 'asc',
			page: 3,
			size: 100
		});
		expect(ledgerParams(parsed.filter).toString()).toBe(new URLSearchParams(q).toString());
	});
	it('names each bad field', () => {
		const parsed = parse('from=2025-12-01&min=12.345&dept=x1&sort=secret');
		expect(parsed).toEqual({
			ok: false,
			errors: [
				'from: must be a date in 2026 (YYYY-MM-DD)',
				'sort: must be one of paidAt, amount, dept, func, econ, payee',
				'dept: must be a code of digits',
				'min: must be an amount in 元 with at most 2 decimals'
			]
		});
	});
	it('refuses a range that ends before it starts', () => {
		expect(parse('from=2026-05-01&to=2026-04-01')).toEqual({
			ok: false,
			errors: ['from: must not be after to']
		});
	});
});

describe('CSV fields', () => {
	it('quotes separators and makes formulas inert', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-18600.00', false)).toBe('-18600.00');
		expect(csvField(null)).toBe('');
	});
});
