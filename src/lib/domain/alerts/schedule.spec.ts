import { describe, expect, it } from 'vitest';
import {
	afterRun,
	DAILY_RULES,
	DAILY_RULES_ON_DATA_MS,
	DAY_RULES,
	PERIODIC_RULES,
	rulesDue
} from './schedule';

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

	it('judge new data of the same day with the daily rules at most every ten minutes, keeping it pending meanwhile', () => {
		const t = Date.UTC(2026, 2, 10, 3);
		const last = { asOf: '2026-03-10', seq: 5, dailyAt: t };
		const soon = { asOf: '2026-03-10', seq: 9, dailyAt: t + 60_000 };
		const skipped = rulesDue(false, last, soon)!;
		expect(DAILY_RULES.some((r) => skipped.has(r))).toBe(false);
		// The data stays pending: the next run still sees it as new.
		const pending = afterRun(last, soon, skipped);
		expect(pending).toEqual({ asOf: '2026-03-10', seq: 5, dailyAt: t });
		const later = { asOf: '2026-03-10', seq: 9, dailyAt: t + DAILY_RULES_ON_DATA_MS };
		const due = rulesDue(false, pending, later)!;
		expect(DAILY_RULES.every((r) => due.has(r))).toBe(true);
		expect(afterRun(pending, later, due)).toEqual(later);
		// A new fiscal day judges everything at once, however recent the last run.
		const nextDay = { asOf: '2026-03-11', seq: 9, dailyAt: t + 60_000 };
		expect(rulesDue(false, last, nextDay)!.size).toBe(PERIODIC_RULES.length);
	});
});
