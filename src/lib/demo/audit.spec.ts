import { describe, expect, it } from 'vitest';
import { headline } from '../domain/rectification';
import { demoAuditFindings, demoAuditRecords } from './audit';

describe('the demo audit year', () => {
	const findings = demoAuditFindings(2026);
	it('has 30–80 findings over 15–30 units, every type', () => {
		expect(findings.length).toBeGreaterThanOrEqual(30);
		expect(findings.length).toBeLessThanOrEqual(80);
		const units = new Set(findings.map((f) => f.unitName));
		expect(units.size).toBeGreaterThanOrEqual(15);
		expect(units.size).toBeLessThanOrEqual(30);
		expect(new Set(findings.map((f) => f.type))).toEqual(
			new Set(['immediate', 'staged', 'ongoing'])
		);
	});
	it('has some rectified and some overdue in December', () => {
		const facts = findings.map((f) => ({
			unitCode: null,
			unitName: f.unitName,
			category: f.category,
			status: f.status,
			dueDate: f.dueDate,
			amount: f.amount ?? null,
			amountRectified: f.amountRectified ?? null
		}));
		const h = headline(facts, '2026-12-06');
		expect(h.rectified).toBeGreaterThan(h.findings / 3);
		expect(h.overdue).toBeGreaterThan(0);
		expect(h.overdue).toBeLessThan(h.findings / 2);
	});
	it('is the same on every run, and its records carry no undefined fields', () => {
		expect(demoAuditFindings(2026)).toEqual(findings);
		for (const r of demoAuditRecords(2026))
			expect(Object.values(r).every((v) => v !== undefined)).toBe(true);
	});
});
