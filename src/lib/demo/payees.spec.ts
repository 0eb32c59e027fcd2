import { describe, expect, it } from 'vitest';
import { buildDemoCity } from './city';
import { linePayees, orgPayees, WORKS_TRADES } from './payees';
import { generatePayments } from './payments';

describe('whom the demo city pays', () => {
	const city = buildDemoCity(2026);
	const payments = generatePayments(city, { year: 2026, through: '2026-12-31' });
	const works = payments.filter((p) => p.budgetKind === 'fund' && p.deptCode === '135');

	it('pays a works project’s own firms, never the city’s common suppliers', () => {
		const common = new Set(orgPayees);
		expect(works.length).toBeGreaterThan(1000);
		expect(works.filter((p) => common.has(p.payee))).toEqual([]);
		expect(new Set(works.map((p) => p.payee)).size).toBeGreaterThan(100);
	});

	it('pays each firm of a works project by monthly progress payment: at most once a month', () => {
		const seen = new Map<string, number>();
		for (const p of works) {
			const key = `${p.projectCode}|${p.payee}|${p.paidAt.slice(0, 7)}`;
			seen.set(key, (seen.get(key) ?? 0) + 1);
		}
		expect(Math.max(...seen.values())).toBe(1);
	});

	it('names a line’s firms the same way on every machine, distinct within the line', () => {
		const a = linePayees('fund/135/2120803/309/135-J-01', 40, WORKS_TRADES);
		expect(a).toEqual(linePayees('fund/135/2120803/309/135-J-01', 40, WORKS_TRADES));
		expect(new Set(a).size).toBe(40);
		expect(a.every((n) => n.endsWith('有限公司'))).toBe(true);
	});

	it('gives the same payees on a second generation (a works line’s rotation starts afresh)', () => {
		const again = generatePayments(buildDemoCity(2026), { year: 2026, through: '2026-12-31' });
		expect(again.map((p) => p.payee)).toEqual(payments.map((p) => p.payee));
	});
});
