import { describe, expect, it } from 'vitest';
import { DAILY_RULES, DAY_RULES, PERIODIC_RULES, rulesDue } from './schedule';

describe('the periodic run’s rules', () => {
	it('are every rule on request, else the rules time moves', () => {
		expect(rulesDue(true, { asOf: '2026-03-10', seq: 5 }, { asOf: '2026-03-10' })).toBeUndefined();
		expect([...rulesDue(false, undefined, { asOf: '2026-03-10', seq: 5 })!]).toEqual(
			PERIODIC_RULES
		);
	});

	it('skip the daily rules while neither the fiscal date nor the data moved', () => {
		const last = { asOf: '2026-03-10', seq: 5 };
		expect([...rulesDue(false, last, { asOf: '2026-03-10', seq: 5 })!]).toEqual([
			'feedStale',
			'dataQuality'
		]);
		expect(rulesDue(false, last, { asOf: '2026-03-11', seq: 5 })!.size).toBe(PERIODIC_RULES.length);
		expect(rulesDue(false, last, { asOf: '2026-03-10', seq: 6 })!.has(DAILY_RULES[0])).toBe(true);
	});

	it('judge split and duplicate payments once a fiscal day, not on every batch', () => {
		const last = { asOf: '2026-03-10', seq: 5 };
		const newData = rulesDue(false, last, { asOf: '2026-03-10', seq: 6 })!;
		expect(DAY_RULES.some((r) => newData.has(r))).toBe(false);
		const newDay = rulesDue(false, last, { asOf: '2026-03-11', seq: 5 })!;
		expect(DAY_RULES.every((r) => newDay.has(r))).toBe(true);
		expect(DAY_RULES.every((r) => rulesDue(false, undefined, { asOf: '2026-03-10' })!.has(r))).toBe(
			true
		);
	});
});
