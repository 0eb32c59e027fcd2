import { describe, expect, it } from 'vitest';
import { validateRecord } from './validate';

describe('code records', () => {
	it('accepts an entry of each scheme, the year optional', () => {
		const ok = validateRecord('code', {
			scheme: 'function',
			code: '2050999',
			name: '其他教育费附加安排的支出',
			year: 2026
		});
		expect(ok).toEqual({
			ok: true,
			record: { scheme: 'function', code: '2050999', name: '其他教育费附加安排的支出', year: 2026 }
		});
		expect(
			validateRecord('code', { scheme: 'govEconomic', code: '50201', name: '办公经费' }).ok
		).toBe(true);
		expect(
			validateRecord('code', {
				scheme: 'revenue',
				code: '1020101',
				name: '企业职工基本养老保险费收入'
			}).ok
		).toBe(true);
	});

	it('names each bad field', () => {
		const bad = (raw: object) => {
			const v = validateRecord('code', raw);
			return v.ok ? '' : v.reason;
		};
		expect(bad({ scheme: 'functional', code: '205', name: '教育支出' })).toMatch(
			/^scheme: must be one of/
		);
		expect(bad({ scheme: 'function', code: '2050', name: '教育' })).toMatch(
			/^code: must have 3, 5, 7 digits/
		);
		expect(bad({ scheme: 'economic', code: '20501', name: '教育' })).toMatch(
			/code: a economic code begins with 3/
		);
		expect(bad({ scheme: 'function', code: '205', name: ' ' })).toMatch(/name: must not be empty/);
		expect(bad({ scheme: 'function', code: '205', name: '教育支出', year: 1999 })).toMatch(
			/year: must be 2000 or later/
		);
	});
});
