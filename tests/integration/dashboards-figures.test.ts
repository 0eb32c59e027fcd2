// Supervision figures: the execution rollup, the overview and the function and department drill-downs
// add up exactly to the payments they sum, as of any date.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import * as departments from '../../src/lib/server/departments/index';
import * as execution from '../../src/lib/server/execution';
import * as functions from '../../src/lib/server/functions';
import { rebuildExecutionRollup } from '../../src/lib/server/ingest/execution-rollup';
import { databaseTargets } from '../support/databases';
import { q, sum, useSmallCity, Y } from '../support/small-city';

describe.each(databaseTargets)('supervision figures on $name', (target) => {
	const { app, scalar } = useSmallCity(target);

	it.skipIf(target.unavailable)(
		'keeps every rollup level equal to the payments it sums, by day and by month',
		async () => {
			// Months before the newest month with payments are sealed; only they have month rows at the line and unit levels.
			const sealed = await rows<{ m: string }>(
				app.database.db,
				sql`select month::text as m from rollup_sealed_month order by 1`
			);
			expect(sealed.map((r) => r.m)).toEqual([
				'2025-04-01',
				'2026-03-01',
				'2026-04-01',
				'2026-05-01',
				'2026-06-01',
				'2026-07-01'
			]);
			const levels = [
				['city', sql`''`],
				['class', sql`left(func_code, 3)`],
				['func', sql`func_code`],
				['dept', sql`dept_code`],
				['line', sql`dept_code || '|' || func_code || '|' || econ_code || '|' || project_code`],
				['unit', sql`dept_code || '|' || agency_code || '|' || project_code`],
				['deptFunc', sql`dept_code || '|' || func_code`]
			] as const;
			for (const [level, key] of levels) {
				for (const [grain, period] of [
					['d', sql`fiscal_date`],
					['m', sql`date_trunc('month', fiscal_date)::date`]
				] as const) {
					const fromPayments = await rows<{ k: string; p: string; s: string; n: number }>(
						app.database.db,
						sql`select ${key} as k, ${period}::text as p, sum(amount)::text as s, count(*)::int as n from payment
						${grain === 'm' && (level === 'line' || level === 'unit') ? sql`where date_trunc('month', fiscal_date)::date in (select month from rollup_sealed_month)` : sql``}
						group by 1, 2 order by 1, 2`
					);
					const fromRollup = await rows<{ k: string; p: string; s: string; n: number }>(
						app.database.db,
						sql`select ${level === 'class' ? sql`func_code` : key} as k, period::text as p, amount::text as s, payment_count as n from execution_rollup
						where level = ${level} and grain = ${grain} order by 1, 2`
					);
					expect(fromRollup, `${level}/${grain}`).toEqual(fromPayments);
				}
			}
		}
	);

	it.skipIf(target.unavailable)(
		'rebuilds the same rollup from the payments as ingest kept',
		async () => {
			const before = await rows(
				app.database.db,
				sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`
			);
			await rebuildExecutionRollup(app.database.db);
			expect(
				await rows(
					app.database.db,
					sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`
				)
			).toEqual(before);
		}
	);

	it.skipIf(target.unavailable)(
		'shows on the overview as of a date exactly what SQL sums through that day',
		async () => {
			for (const asOf of ['2026-06-30', '2026-06-29', '2026-07-01', '2026-12-31']) {
				const o = await execution.overview(q(asOf), null);
				const executed = await scalar(sql`select coalesce(sum(amount), 0)::text as v from payment
				where fiscal_year = ${Y} and fiscal_date <= ${asOf}::date`);
				expect(o.executed, asOf).toBe(fenToYuan(yuanToFen(executed)));
				expect(sum(o.byClass.map((c) => c.executed))).toBe(o.executed);
				expect(sum(o.departments.map((d) => d.executed))).toBe(o.executed);
				expect(sum(o.byClass.map((c) => c.plan))).toBe(o.plan);
			}
			// The late-evening payment of 30 June counts in June in Beijing time.
			const june = await execution.overview(q('2026-06-30'), null);
			expect(june.curve.days.find((d) => d.date === '2026-06-30')?.amount).toBe('1200055.55');
			expect(june.curve.lastYear.days).toEqual([{ date: '2025-04-10', amount: '5000.00' }]);
			expect(june.curve.lastYear.plan).toBe('900000.00');
		}
	);

	it.skipIf(target.unavailable)(
		'uses the initial plan before an adjustment takes effect and the adjusted one after',
		async () => {
			const before = await execution.overview(q('2026-08-26'), null);
			const after = await execution.overview(q('2026-08-27'), null);
			expect(yuanToFen(after.plan) - yuanToFen(before.plan)).toBe(yuanToFen('500000.00'));
			expect(before.initialPlan).toBe(after.initialPlan);
			expect(after.adjusted).toBe(true);
			expect(before.adjusted).toBe(false);
		}
	);

	it.skipIf(target.unavailable)(
		'adds up each function level exactly to the level above, with what is not broken down',
		async () => {
			const cls = await functions.functionPage(q('2026-12-31'), '205');
			expect(sum(cls.children.map((c) => c.executed))).toBe(cls.executed);
			expect(sum(cls.children.map((c) => c.plan))).toBe(cls.plan);
			// The 205 line and the 300.00 paid at 205 itself stay at 205.
			expect(cls.children.find((c) => c.code === '205')).toMatchObject({
				plan: '1000000.00',
				executed: '300.00'
			});
			const section = await functions.functionPage(q('2026-12-31'), '20502');
			expect(section.ancestors.map((a) => a.code)).toEqual(['205']);
			expect(section.coveringPlan).toBe('1000000.00');
			expect(sum(section.children.map((c) => c.executed))).toBe(section.executed);
			const item = await functions.functionPage(q('2026-12-31'), '2050202');
			expect(item.children).toEqual([]);
			expect(item.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and func_code = '2050202'`
				)
			);
			expect(sum(item.departments.map((d) => d.executed))).toBe(item.executed);
		}
	);

	it.skipIf(target.unavailable)(
		'matches a department’s spending to its most specific plan line; the rest is spending without a plan',
		async () => {
			const d = await departments.department(q('2026-12-31'), '122');
			const line = (func: string, econ: string, project = '') =>
				d.lines.find(
					(l) => l.funcCode === func && l.econCode === econ && l.projectCode === project
				)!;
			expect(line('2050202', '302').executed).toBe('900.00'); // 1000.10 − 100.10
			expect(line('2050202', '30217').executed).toBe('2500.00');
			expect(line('2050999', '309', 'P-SCHOOL').executed).toBe('150000.00');
			expect(line('205', '').executed).toBe('88300.00'); // 2050203 wages and the 205 payment
			expect(d.unplanned).toBe('7700.00');
			expect(d.unplannedSpending).toMatchObject([
				{ funcCode: '2080505', econCode: '30108', amount: '7700.00', payments: 1 }
			]);
			expect(sum([...d.lines.map((l) => l.executed), d.unplanned])).toBe(d.executed);
			expect(sum(d.units.map((u) => u.executed))).toBe(d.executed);
			expect(d.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and dept_code = '122'`
				)
			);
			expect(d.projects).toMatchObject([
				{ code: 'P-SCHOOL', name: '校舍维修改造', plan: '600000.00', executed: '150000.00' }
			]);
			// Its curve has last year's beside it: last year's plan for the department and its payments by day.
			expect(d.lastYear).toEqual({
				year: 2025,
				plan: '900000.00',
				days: [{ date: '2025-04-10', amount: '5000.00' }]
			});
			expect((await departments.department(q('2026-12-31'), '138')).lastYear).toEqual({
				year: 2025,
				plan: '0.00',
				days: []
			});

			const u = await departments.unit(q('2026-12-31'), '122', '122003');
			expect(u.executed).toBe(d.units.find((x) => x.code === '122003')!.executed);
			expect(sum(u.projects.map((p) => p.executed))).toBe(u.executed);
			expect(sum(u.months.map((m) => m.amount))).toBe(u.executed);

			const p = await departments.project(q('2026-12-31'), '122', 'P-SCHOOL');
			expect(p).toMatchObject({ plan: '600000.00', executed: '150000.00', rate: '0.2500' });
		}
	);
});
