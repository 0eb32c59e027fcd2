import { describe, expect, it } from 'vitest';
import { functionCodes, revenueCodes } from '../domain/reference-codes';
import {
	buildDemoCity,
	demoPlanRecords,
	demoRevenuePlan,
	generatePayments,
	generateRevenue
} from './index';

const fenOf = (yuan: string) => BigInt(yuan.replace('.', ''));

describe('demo city: the government fund and state capital budgets beside the general budget', () => {
	const city = buildDemoCity(2026);
	const fund = city.lines.filter((l) => l.budgetKind === 'fund');

	it('plans land-sale spending, lottery funds and special-bond interest under known codes', () => {
		const plan = fund.reduce((s, l) => s + l.amount, 0n);
		expect(plan).toBeGreaterThan(30n * 10n ** 10n); // over 30亿元
		expect(plan).toBeLessThan(50n * 10n ** 10n);
		const known = new Set(functionCodes.map((c) => c.code));
		expect(fund.every((l) => known.has(l.funcCode))).toBe(true);
		expect(new Set(fund.map((l) => l.funcCode.slice(0, 3)))).toEqual(
			new Set(['212', '229', '232'])
		);
		const plans = demoPlanRecords(city, 2026, '2026-12-31');
		expect(
			plans.filter((p) => p.budgetKind === 'fund' && p.side === 'revenue').map((p) => p.subjectCode)
		).toEqual(['1030148', '1030155']);
		// The state capital operation budget: SOE profit put back as capital injections, named recipients.
		const capital = city.lines.filter((l) => l.budgetKind === 'capital');
		expect(capital.every((l) => known.has(l.funcCode) && l.funcCode.startsWith('223'))).toBe(true);
		expect(capital.filter((l) => l.econCode === '31201').map((l) => l.payee)).toEqual([
			'安澜市城市建设投资集团有限公司',
			'安澜市国有资本投资运营集团有限公司'
		]);
		expect(
			plans
				.filter((p) => p.budgetKind === 'capital' && p.side === 'revenue')
				.map((p) => p.subjectCode)
		).toEqual(['1030601', '1030602']);
		const revenueKnown = new Set(revenueCodes.map((c) => c.code));
		expect(demoRevenuePlan().every((l) => revenueKnown.has(l.subjectCode))).toBe(true);
	});

	it('pays and collects the fund budget under its own ids, behind time progress, leaving the general budget as it was', () => {
		const through = '2026-06-30';
		const payments = generatePayments(city, { year: 2026, through });
		const fundPayments = payments.filter((p) => p.budgetKind === 'fund');
		expect(fundPayments.length).toBeGreaterThan(500);
		expect(fundPayments.every((p) => p.id.startsWith('JJ2026-'))).toBe(true);
		// Land-financed spending lags: by mid-year well under half of the plan.
		const spent = fundPayments.reduce((s, p) => s + fenOf(p.amount), 0n);
		const plan = fund.reduce((s, l) => s + l.amount, 0n);
		expect(Number((spent * 1000n) / plan) / 10).toBeLessThan(45);
		const capitalPayments = payments.filter((p) => p.budgetKind === 'capital');
		expect(capitalPayments.length).toBeGreaterThan(0);
		expect(capitalPayments.every((p) => p.id.startsWith('GZ2026-'))).toBe(true);
		expect(
			capitalPayments
				.filter((p) => p.econCode === '31201')
				.every((p) => p.payee.startsWith('安澜市'))
		).toBe(true);
		// The general budget's payments are exactly those of the city without the other budgets.
		const generalOnly = generatePayments(
			{ ...city, lines: city.lines.filter((l) => (l.budgetKind ?? 'general') === 'general') },
			{ year: 2026, through }
		);
		expect(payments.filter((p) => p.budgetKind === 'general')).toEqual(generalOnly);
		const revenue = generateRevenue({ year: 2026, through });
		expect(
			revenue
				.filter((r) => r.budgetKind === 'fund')
				.every((r) => r.id.startsWith('JJSR2026-') && r.subjectCode.startsWith('10301'))
		).toBe(true);
		expect(
			revenue
				.filter((r) => r.budgetKind === 'capital')
				.every((r) => r.id.startsWith('GZSR2026-') && r.subjectCode.startsWith('10306'))
		).toBe(true);
		expect(
			revenue.filter((r) => r.budgetKind === 'general').every((r) => r.id.startsWith('SR2026-'))
		).toBe(true);
	});
});
