import { describe, expect, it } from 'vitest';
import { paceSegments, MONTH_PACE, PAYMENTS_PER_WORKING_DAY } from './calendar';
import { buildDemoCity } from './city';
import { generatePayments } from './payments';
import { demoPlanRecords } from './plan-records';
import { generateRevenue } from './revenue';

const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000);

describe('the demo city’s rhythm', () => {
	const city = buildDemoCity(2026);
	const payments = generatePayments(city, { year: 2026, through: '2026-03-31' });
	const unitName = new Map(city.units.map((u) => [u.code, u.name]));

	it('pays about a thousand a working day in office hours, a few at weekends, none at night', () => {
		const days = new Map<string, number>();
		for (const p of payments)
			days.set(p.paidAt.slice(0, 10), (days.get(p.paidAt.slice(0, 10)) ?? 0) + 1);
		const weekday = [...days].filter(
			([d]) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())
		);
		const weekend = [...days].filter(([d]) =>
			[0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())
		);
		const perWorkingDay = weekday.reduce((s, [, n]) => s + n, 0) / weekday.length;
		expect(perWorkingDay).toBeGreaterThan(500); // the slow first quarter of a year of ~245,000
		expect(perWorkingDay).toBeLessThan(2500);
		expect(weekend.reduce((s, [, n]) => s + n, 0)).toBeLessThan(
			perWorkingDay * 0.05 * weekend.length + 50
		);
		const hours = payments.map((p) => beijing(p.paidAt).getUTCHours());
		expect(Math.min(...hours)).toBe(8);
		expect(Math.max(...hours)).toBeLessThanOrEqual(18);
		const at = (h: number) => hours.filter((x) => x === h).length;
		expect(at(12) + at(13)).toBeLessThan(at(10) / 2);
	});

	it('runs wages on or before the 10th and contributions on or before the 15th', () => {
		const wages = payments.filter(
			(p) => ['30101', '30102', '30107'].includes(p.econCode) && p.purpose.endsWith('月基本工资')
		);
		expect(wages.length).toBeGreaterThan(100);
		for (const p of wages) expect(Number(p.paidAt.slice(8, 10))).toBeLessThanOrEqual(10);
		const housing = payments.filter((p) => p.econCode === '30113');
		for (const p of housing) expect(Number(p.paidAt.slice(8, 10))).toBeLessThanOrEqual(15);
	});

	it('gives purposes that say what was paid for, and codes that fit the units', () => {
		const sample = payments.filter((p) => p.payeeKind === 'org' && p.econCode.startsWith('302'));
		expect(sample.length).toBeGreaterThan(1000);
		for (const p of sample.slice(0, 5000))
			expect(p.purpose).not.toContain(unitName.get(p.agencyCode)!);
		const kindergartens = payments.filter((p) => unitName.get(p.agencyCode)!.includes('幼儿园'));
		expect(kindergartens.length).toBeGreaterThan(0);
		expect(
			kindergartens.filter((p) => p.funcCode.startsWith('205')).map((p) => p.funcCode)
		).toSatisfy((codes: string[]) => codes.every((c) => c === '2050201'));
	});

	it('has a social insurance fund budget: spending under 209, revenue under 102, plans for both', () => {
		const social = payments.filter((p) => p.budgetKind === 'social');
		expect(social.length).toBeGreaterThan(100);
		expect(social.every((p) => p.funcCode.startsWith('209') && p.id.startsWith('SB2026-'))).toBe(
			true
		);
		const plans = demoPlanRecords(city, 2026, '2026-03-31').filter(
			(p) => p.budgetKind === 'social'
		);
		expect(plans.some((p) => p.side === 'revenue' && String(p.subjectCode).startsWith('102'))).toBe(
			true
		);
		expect(plans.some((p) => p.side !== 'revenue' && String(p.funcCode).startsWith('209'))).toBe(
			true
		);
		const revenue = generateRevenue({ year: 2026, through: '2026-03-31' }).filter(
			(r) => r.budgetKind === 'social'
		);
		expect(revenue.length).toBeGreaterThan(50);
		expect(revenue.every((r) => r.subjectCode.startsWith('102'))).toBe(true);
	});

	it('paces the live feed by the same calendar: a working day adds up to the day’s count', () => {
		const monday = Date.UTC(2026, 4, 10, 16); // 11 May 2026, midnight in Beijing
		const day = paceSegments(monday, monday + 86_400_000).reduce((s, g) => s + g.expected, 0);
		expect(day).toBeCloseTo(PAYMENTS_PER_WORKING_DAY * MONTH_PACE[4], 6);
		const sunday = paceSegments(monday - 86_400_000, monday).reduce((s, g) => s + g.expected, 0);
		expect(sunday).toBeLessThan(day * 0.05);
		expect(paceSegments(monday, monday + 8 * 3_600_000)).toEqual([]); // midnight to 8:00
	});
});
