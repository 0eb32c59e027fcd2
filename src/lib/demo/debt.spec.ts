import { describe, expect, it } from 'vitest';
import { debtYear, isBondFunction, type DebtRow } from '../domain/debt';
import { validateRecord } from '../domain/records';
import {
	bondProjectPlans,
	demoBondPayments,
	demoBondPlans,
	demoDebtRecords,
	demoDebtYearRecords
} from './debt';

const interest = { general: 355_000_000_00n, special: 380_000_000_00n };
const rows = (records: ReturnType<typeof demoDebtRecords>): DebtRow[] =>
	records.map((r) => ({ capacity: null, ...r }));

describe('demo debt', () => {
	it('chains balances from year to year and sums months to the year exactly', () => {
		const months2025 = debtYear(rows(demoDebtRecords(2025, '2025-12-31', interest)), 2025)!;
		const year2025 = debtYear(rows(demoDebtYearRecords(2025, interest)), 2025)!;
		expect(months2025.balance).toBe(year2025.balance);
		expect(months2025.flows).toEqual(year2025.flows);
		const jan2026 = demoDebtRecords(2026, '2026-02-10', interest);
		expect(jan2026.map((r) => r.period)).toEqual(['2026-01', '2026-01']);
		// No flow in January: the balance is the year before's closing balance.
		expect(debtYear(rows(jan2026), 2026)!.balance).toBe(year2025.balance);
	});
	it('issues new special bonds for exactly its bond projects, pays interest as planned', () => {
		const y = debtYear(rows(demoDebtRecords(2026, '2026-12-31', interest)), 2026)!;
		const plans = bondProjectPlans(2026).reduce((s, p) => s + p.amount, 0n);
		const special = y.types.find((t) => t.debtType === 'special')!;
		expect(
			BigInt(special.flows.issued.replace('.', '')) -
				BigInt(special.flows.refinanced.replace('.', ''))
		).toBe(plans);
		expect(y.flows.interestPaid).toBe('735000000.00');
		expect(y.ratio!.grade).toBe('yellow');
		expect(y.months.filter((m) => m.flows.interestDue !== '0.00').map((m) => m.month)).toEqual([
			3, 6, 9, 12
		]);
	});
	it('pays bond projects after their bonds, never on or after the seed date', () => {
		const pays = demoBondPayments(2026, '2026-06-20');
		expect(pays.every((p) => p.paidAt < '2026-06-20')).toBe(true);
		expect(pays.some((p) => p.paidAt.startsWith('2026-03'))).toBe(false);
		expect(new Set(pays.map((p) => p.id)).size).toBe(pays.length);
	});

	it('pays each progress payment to the project’s three builders and its supervisor, none a whole instalment', () => {
		const pays = demoBondPayments(2026, '2026-12-31');
		const project = pays.filter((p) => p.projectCode === pays[0].projectCode);
		expect(new Set(project.map((p) => p.payee)).size).toBe(4);
		expect(project.filter((p) => p.paidAt.startsWith('2026-04-15'))).toHaveLength(4);
		expect(Math.max(...pays.map((p) => Number(p.amount)))).toBeLessThan(50_000_000);
		expect(pays.every((p) => Number(p.amount) > 1_000_000)).toBe(true);
	});

	it('passes ingest validation, bond projects under the bond function classes', () => {
		const problems = [
			...demoDebtRecords(2026, '2026-12-06', interest).map((r) => validateRecord('debt', r)),
			...demoDebtYearRecords(2024, interest).map((r) => validateRecord('debt', r)),
			...demoBondPlans(2026).map((r) => validateRecord('plan', r)),
			...demoBondPayments(2026, '2026-12-06').map((r) => validateRecord('payment', r))
		].filter((v) => !v.ok);
		expect(problems).toEqual([]);
		expect(demoBondPlans(2026).every((p) => isBondFunction(p.funcCode))).toBe(true);
	});
});
