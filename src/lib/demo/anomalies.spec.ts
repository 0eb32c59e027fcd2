import { describe, expect, it } from 'vitest';
import { buildDemoCity, DEMO_FEED_GAP, demoAnomalies, generatePayments } from './index';

describe('the anomalies planted in the demo city', () => {
	it('dates the planted payments in the month before the data ends, and pays the rushed project in June and December', () => {
		const payments = demoAnomalies(2026, '2026-12-31');
		expect(payments.map((p) => p.id)).toEqual(
			Array.from({ length: 9 }, (_, i) => `ZF2026-X000${i + 1}`)
		);
		expect(payments.slice(0, 7).every((p) => p.paidAt.startsWith('2026-11-'))).toBe(true);
		expect(
			payments.filter((p) => p.projectCode === '2024131901').map((p) => p.paidAt.slice(0, 10))
		).toEqual(['2026-06-18', '2026-12-22']);
	});

	it('plants nothing dated after the data ends', () => {
		const payments = demoAnomalies(2026, '2026-05-20');
		expect(payments).toHaveLength(7);
		expect(payments.every((p) => p.paidAt.slice(0, 10) <= '2026-05-20')).toBe(true);
		expect(demoAnomalies(2026, '2026-01-10')).toEqual([]);
	});

	it('plans an idle project and a rushed one that the regular payments never pay', () => {
		const city = buildDemoCity(2026);
		const unpaid = city.lines.filter((l) => l.pattern === 'none' && l.projectCode);
		// (and planted.ts's project over its plan, paid only by its planted payments)
		expect(unpaid.map((l) => l.projectCode)).toEqual(['2024138901', '2024131901', '2024139901']);
		const paid = generatePayments(city, { year: 2026, through: '2026-12-31' });
		expect(paid.some((p) => p.projectCode === '2024138901' || p.projectCode === '2024131901')).toBe(
			false
		);
		// The feed's silent week: no payment of the year falls in it.
		const [from, to] = DEMO_FEED_GAP(2026);
		expect(paid.some((p) => p.paidAt.slice(0, 10) >= from && p.paidAt.slice(0, 10) <= to)).toBe(
			false
		);
	});
});
