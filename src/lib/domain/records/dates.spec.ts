import { describe, expect, it } from 'vitest';
import { parseInstant } from '../instant';
import { dateProblem, FUTURE_TOLERANCE_MS } from './dates';
import { MAX_RECORD_DEPTH, recordDepthExceeds, shallowCopy } from './depth';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-12-06T05:32:00Z'); // 13:32 in Shanghai
const problem = (text: string) => {
	const parsed = parseInstant(text, TZ);
	if (!parsed) return 'unparsed';
	return dateProblem('paidAt', parsed.instant, text, NOW, TZ);
};

describe('years as written', () => {
	it('reads years 0000–0099 as those years, not 1900–1999, with or without an offset', () => {
		expect(parseInstant('0050-03-01T00:00:00Z')!.instant.getUTCFullYear()).toBe(50);
		expect(parseInstant('0000-01-01T12:00:00+08:00')!.instant.toISOString()).toBe(
			'0000-01-01T04:00:00.000Z'
		);
		const local = parseInstant('0099-06-15T10:00:00', TZ)!.instant;
		expect(local.getUTCFullYear()).toBe(99);
		expect(local.getUTCMonth()).toBe(5);
		expect(local.getUTCDate()).toBe(15);
		expect(parseInstant('0500-06-15T10:00:00', TZ)!.instant.getUTCFullYear()).toBe(500);
	});

	it('keeps ordinary years exactly as before', () => {
		expect(parseInstant('2026-03-10T10:00:00', TZ)!.instant.toISOString()).toBe(
			'2026-03-10T02:00:00.000Z'
		);
		expect(parseInstant('2026-03-10T10:00:00-12:00')!.instant.toISOString()).toBe(
			'2026-03-10T22:00:00.000Z'
		);
	});
});

describe('dates must be real', () => {
	it('accepts the present, the recent past and a clock up to five minutes ahead', () => {
		expect(problem('2026-12-06T13:32:00+08:00')).toBeNull();
		expect(problem('2000-01-01T00:00:00')).toBeNull();
		expect(problem('2026-12-06T13:36:59+08:00')).toBeNull();
		const edge = new Date(NOW.getTime() + FUTURE_TOLERANCE_MS).toISOString();
		expect(problem(edge)).toBeNull();
	});

	it('rejects the future with a reason that says so', () => {
		expect(problem('2026-12-06T13:37:01+08:00')).toMatch(/^paidAt: is in the future/);
		expect(problem('2026-12-06T16:29:23+08:00')).toMatch(/in the future/);
		expect(problem('2027-01-15T10:00:00')).toMatch(/in the future/);
		expect(problem('2100-01-01')).toMatch(/in the future/);
		expect(problem('9999-12-31T23:59:59-12:00')).toMatch(/in the future/);
	});

	it('rejects anything before the year 2000, in the fiscal zone, quoting what was written', () => {
		for (const text of [
			'1999-12-31T23:59:59',
			'1000-01-01',
			'1582-10-10',
			'1800-05-01',
			'0050-01-01',
			'0000-01-01',
			'0500-06-15T10:00:00'
		])
			expect(problem(text)).toMatch(/^paidAt: is before the year 2000/);
		expect(problem('0050-01-01')).toContain('"0050-01-01"');
		// 2000-01-01 00:30 in Shanghai is still 1999 in UTC, but it is the year 2000 where it counts.
		expect(problem('1999-12-31T16:30:00Z')).toBeNull();
	});
});

describe('nesting', () => {
	it('finds a record nested deeper than the limit without recursion', () => {
		let deep: unknown = { amount: '1' };
		for (let i = 0; i < 100_000; i++) deep = { a: deep };
		expect(recordDepthExceeds(deep)).toBe(true);
		expect(recordDepthExceeds({ id: 'x', figures: { totalAssets: '1' } })).toBe(false);
		let edge: unknown = 1;
		for (let i = 0; i < MAX_RECORD_DEPTH; i++) edge = [edge];
		expect(recordDepthExceeds(edge)).toBe(false);
		expect(recordDepthExceeds([edge])).toBe(true);
		const kept = JSON.stringify(shallowCopy(deep));
		expect(kept).toContain('nested too deep');
	});
});
