import { describe, expect, it } from 'vitest';
import { codeProblem } from './codes';
import { referenceCodes, functionCodes, economicCodes, revenueCodes } from './reference-codes';

const known = new Set(referenceCodes.map((c) => `${c.scheme}:${c.code}`));

describe('the shipped classification table', () => {
	it('holds well-formed codes once each, every one under a parent it also holds', () => {
		expect(known.size).toBe(referenceCodes.length);
		for (const c of referenceCodes) {
			expect(codeProblem(c.scheme, c.code), `${c.scheme} ${c.code}`).toBeNull();
			expect(c.name.length).toBeGreaterThan(0);
			if (c.code.length > 3)
				expect(known, `parent of ${c.code}`).toContain(`${c.scheme}:${c.code.slice(0, -2)}`);
		}
	});

	it('has every function 类 201…233 in use, each with an English name', () => {
		const classes = functionCodes.filter((c) => c.code.length === 3);
		expect(classes.map((c) => c.code)).toEqual(
			'201 202 203 204 205 206 207 208 209 210 211 212 213 214 215 216 217 219 220 221 222 223 224 227 229 230 231 232 233'.split(
				' '
			)
		);
		for (const c of referenceCodes.filter((c) => c.code.length === 3))
			expect(c.nameEn).toBeTruthy();
	});

	it('names every entry in English, without Chinese characters', () => {
		const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
		for (const c of referenceCodes) {
			const where = `${c.scheme} ${c.code} ${c.name}`;
			expect(c.nameEn?.trim(), where).toBeTruthy();
			expect(c.nameEn, where).not.toMatch(cjk);
			expect(c.nameEn, where).toBe(c.nameEn?.trim());
		}
	});

	it('gives the same Chinese name the same English name in every scheme and level', () => {
		const english = new Map<string, Set<string>>();
		for (const c of referenceCodes)
			english.set(c.name, (english.get(c.name) ?? new Set()).add(c.nameEn ?? ''));
		const differing = [...english].filter(([, en]) => en.size > 1).map(([zh, en]) => [zh, [...en]]);
		expect(differing).toEqual([]);
		// The commonest 项 names read as the English budget documents put them.
		const enOf = (code: string) => referenceCodes.find((c) => c.code === code)?.nameEn;
		expect(enOf('2010101')).toBe('Administrative operation');
		expect(enOf('2010350')).toBe('Public institution operation');
		expect(enOf('2059999')).toBe('Other education expenditure');
	});

	it('knows the national catch-all codes real data carries', () => {
		for (const key of ['function:2059999', 'economic:30999', 'economic:31099', 'function:20599'])
			expect(known).toContain(key);
		expect(economicCodes.filter((c) => c.code.length === 5).length).toBeGreaterThanOrEqual(90);
		expect(revenueCodes.map((c) => c.code)).toContain('10211');
		expect(known).toContain('govEconomic:50201');
	});

	it('has the fund budget’s 款 beside the general budget’s, and the debt 款 of both levels', () => {
		const fund =
			'20707 20709 20710 20822 20823 20829 21160 21161 21208 21366 21460 21462 21562 22960';
		const debt = '23101 23102 23103 23104 23201 23202 23203 23204 23301 23302 23303 23304';
		for (const code of `${fund} ${debt}`.split(' ')) expect(known).toContain(`function:${code}`);
	});
});
