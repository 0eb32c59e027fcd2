import { describe, expect, it } from 'vitest';
import { buildDemoCity } from './city';
import { liveFeedLines, livePayment } from './live-payments';
import { DISTRICT_TREASURIES, linePayees, orgPayees, WORKS_TRADES } from './payees';
import { Random } from './random';
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

	it('pays subsidies and transfers to whom they are for, never to the city’s common suppliers', () => {
		const common = new Set(orgPayees);
		const lumps = new Set(
			city.lines
				.filter((l) => (l.pattern === 'lump' || l.pattern === 'transfer') && !l.payee)
				.map((l) => `${l.budgetKind ?? 'general'}|${l.deptCode}|${l.funcCode}|${l.econCode}`)
		);
		const paid = payments.filter((p) =>
			lumps.has(`${p.budgetKind}|${p.deptCode}|${p.funcCode}|${p.econCode.slice(0, 3)}`)
		);
		expect(paid.length).toBeGreaterThan(50);
		// The city's bus group and grain reserve are the enterprises of their own subsidies.
		const ownEnterprise = new Set(['2140401', '2220115']);
		expect(paid.filter((p) => !ownEnterprise.has(p.funcCode) && common.has(p.payee))).toEqual([]);
		const payeesOf = (funcCode: string) =>
			new Set(paid.filter((p) => p.funcCode === funcCode).map((p) => p.payee));
		// 财政对城乡居民基本医疗保险基金的补助: the fund's account; 对村民委员会和村党支部的补助: the districts.
		expect([...payeesOf('2101202')]).toEqual(['市城乡居民基本医疗保险基金财政专户']);
		expect([...payeesOf('2130705')].every((p) => DISTRICT_TREASURIES.includes(p))).toBe(true);
		expect([...payeesOf('2140401')]).toEqual(['市公共交通集团有限责任公司']);
	});

	it('pays a live works payment to one of the line’s own contractors', () => {
		const rng = new Random(7);
		const line = liveFeedLines(city).find((l) => l.pattern === 'works')!;
		const payees = new Set(
			Array.from({ length: 50 }, (_, i) => livePayment(line, rng, `L${i}`, new Date()).payee)
		);
		const common = new Set(orgPayees);
		expect([...payees].some((p) => common.has(p))).toBe(false);
		expect([...payees].every((p) => /(工程|劳务|监理|造价|勘察|建材|安装)/.test(p))).toBe(true);
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
