// Revenue against plan and last year, and the printed month-end report.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { monthReport } from '../../src/lib/server/month-report';
import * as revenue from '../../src/lib/server/revenue';
import { databaseTargets } from '../support/databases';
import { q, useSmallCity, Y } from '../support/small-city';

describe.each(databaseTargets)('revenue and month reports on $name', (target) => {
	const { scalar } = useSmallCity(target);

	it.skipIf(target.unavailable)(
		'reports revenue by class against plan and the same period last year',
		async () => {
			const r = await revenue.revenuePage(q('2026-06-30'), '');
			expect(r.collected).toBe('550000.00');
			expect(r.lastYear).toBe('200000.00'); // 15 Aug 2025 is after 30 June
			expect(r.plan).toBe('3500000.00');
			const tax = await revenue.revenuePage(q('2026-06-30'), '101');
			expect(tax.children.map((c) => c.code)).toEqual(['10101']);
			expect(tax).toMatchObject({
				collected: '510000.00',
				lastYear: '200000.00',
				growth: '1.5500'
			});
			const behind = await revenue.collections(q('2026-06-30'), '101');
			expect(behind).toMatchObject({ total: 2, sum: '510000.00' });
			expect(behind.rows.map((r) => r.id)).toEqual(['R-2', 'R-1']);
		}
	);

	it.skipIf(target.unavailable)(
		'reports a past month with time progress by months and the month’s own spending',
		async () => {
			const r = await monthReport({
				year: Y,
				month: 6,
				budgetKind: 'general',
				today: '2026-11-28'
			});
			expect(r).toMatchObject({ asOf: '2026-06-30', complete: true, timeProgress: '0.5000' });
			expect(r.monthSpent).toBe('1200055.55');
			expect(r.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and fiscal_date <= '2026-06-30'`
				)
			);
			// Cases are reported in the month of their facts, whenever they were opened: every case
			// June's report lists has facts in June (a revenue case about June's collections may be one).
			for (const c of r.alerts.rows) {
				expect(c.factFrom! <= '2026-06-30' && c.factTo! >= '2026-06-01').toBe(true);
			}
			expect(r.alerts.total).toBe(r.alerts.rows.length);
			const thisMonth = Number(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(
					new Date()
				)
			);
			const thisYear = Number(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
					new Date()
				)
			);
			if (thisYear === Y) {
				const now = await monthReport({
					year: Y,
					month: thisMonth,
					budgetKind: 'general',
					today: '2026-11-28'
				});
				const first = `${Y}-${String(thisMonth).padStart(2, '0')}-01`;
				const last = `${Y}-${String(thisMonth).padStart(2, '0')}-31`;
				for (const c of now.alerts.rows)
					expect(c.factFrom! <= last && c.factTo! >= first).toBe(true);
				expect(
					now.alerts.byLevel.reduce(
						(s, l) => s + l.open + l.acknowledged + l.resolved + l.dismissed + l.cleared,
						0
					)
				).toBe(now.alerts.total);
			}
		}
	);
});
