import { describe, expect, it } from 'vitest';
import { href, periodParams } from './period-link';

const today = {
	year: 2026,
	budgetKind: 'general',
	asOf: '2026-11-28',
	today: '2026-11-28',
	asOfGiven: false
};

describe('period links', () => {
	it('leave the defaults out so a page that follows today keeps following it', () => {
		expect(periodParams(today).toString()).toBe('');
		expect(href('/departments/122', today)).toBe('/departments/122');
	});
	it('carry another year, kind or an as-of date', () => {
		const past = { ...today, year: 2025, budgetKind: 'fund', asOf: '2025-06-30', asOfGiven: true };
		expect(href('/functions/205', past, { x: '1' })).toBe(
			'/functions/205?year=2025&kind=fund&asOf=2025-06-30&x=1'
		);
	});
});
