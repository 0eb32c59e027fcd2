import { describe, expect, it } from 'vitest';
import { validateRecord } from '../domain/records';
import { demoAnomalies } from './anomalies';
import { plantedPayments } from './planted';
import { demoYear } from './year';

describe('the demo year', () => {
	const through = '2026-04-20';
	const year = demoYear(2026, through);

	it('holds the planted anomalies and supervision cases among the payments, none after the date', () => {
		const ids = new Set(year.payments.map((p) => p.id));
		for (const p of [...demoAnomalies(2026, through), ...plantedPayments(2026, through)])
			expect(ids.has(p.id), p.id).toBe(true);
		expect(year.payments.length).toBe(ids.size);
		expect(year.payments.every((p) => p.paidAt.slice(0, 10) <= through)).toBe(true);
		// The bond projects' payments are apart: the seed sends them in a batch of their own.
		const bond = new Set(year.bondPayments.map((p) => p.id));
		expect(year.bondPayments.length).toBeGreaterThan(0);
		expect(year.payments.some((p) => bond.has(p.id))).toBe(false);
	});

	it('is a year the app accepts: every record of each kind is valid', () => {
		const kinds = [
			['unit', year.city.units],
			['plan', [...year.plans, ...year.bondPlans]],
			['payment', [...year.payments.slice(0, 2000), ...year.bondPayments]],
			['revenue', year.revenue],
			['asset', year.assets],
			['debt', year.debt],
			['audit', year.audit]
		] as const;
		for (const [kind, records] of kinds) {
			expect(records.length, kind).toBeGreaterThan(0);
			for (const r of records)
				expect(validateRecord(kind, r).ok, `${kind} ${JSON.stringify(r)}`).toBe(true);
		}
	});

	it('is the same year on every call for a seed, another for another seed', () => {
		const again = demoYear(2026, through);
		expect(again.payments.slice(0, 50)).toEqual(year.payments.slice(0, 50));
		expect(again.revenue).toEqual(year.revenue);
		expect(demoYear(2026, through, 7).payments.slice(0, 50)).not.toEqual(
			year.payments.slice(0, 50)
		);
	});
});
