/**
 * Sealed months of the execution rollup (src/lib/server/ingest/execution-rollup.ts): the line and
 * unit levels keep month rows only for months older than the newest month with payments. These
 * tests hold every read of those levels to the payments themselves while months are open, as they
 * are sealed, and after late payments reach a sealed month, and hold a rebuild to what ingest kept.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { rebuildExecutionRollup } from '../../src/lib/server/ingest/execution-rollup';
import { rollupBetween, type RollupLevel } from '../../src/lib/server/rollup-read';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

const at = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;

/** Date ranges that cut months in every way: whole months open and sealed, edge days, a whole year. */
const RANGES: [string, string][] = [
	['2026-01-01', '2026-01-31'],
	['2026-01-01', '2026-02-28'],
	['2026-01-15', '2026-02-10'],
	['2026-02-01', '2026-03-31'],
	['2026-01-01', '2026-12-31'],
	['2025-12-01', '2025-12-31']
];

const LEVEL_KEYS: [RollupLevel, string][] = [
	['line', `dept_code || '|' || func_code || '|' || econ_code || '|' || project_code`],
	['unit', `dept_code || '|' || agency_code || '|' || project_code`]
];

describe.each(databaseTargets)('sealed months of the rollup on $name', (target) => {
	const app = useTestApp(target);
	const db = () => app.database.db;

	const sealed = async () =>
		(
			await rows<{ m: string }>(
				db(),
				sql`select month::text as m from rollup_sealed_month order by 1`
			)
		).map((r) => r.m);
	const fineMonthRows = async () =>
		(
			await rows<{ m: string; n: number }>(
				db(),
				sql`select period::text as m, count(*)::int as n from execution_rollup where level in ('line', 'unit') and grain = 'm' group by 1 order by 1`
			)
		).map((r) => r.m);

	/** Every range, read through the rollup at the line and unit levels, against the payments summed by SQL. */
	async function expectReadsEqualPayments() {
		for (const [from, to] of RANGES) {
			for (const [lvl, k] of LEVEL_KEYS) {
				const read = await rows<{ k: string; s: string; n: number }>(
					db(),
					sql`select ${sql.raw(k)} as k, sum(amount)::text as s, sum(payment_count)::int as n
						from ${rollupBetween(lvl, 'general', from, to)} r group by 1 order by 1`
				);
				const paid = await rows<{ k: string; s: string; n: number }>(
					db(),
					sql`select ${sql.raw(k)} as k, sum(amount)::text as s, count(*)::int as n from payment
						where budget_kind = 'general' and fiscal_date between ${from}::date and ${to}::date group by 1 order by 1`
				);
				expect(read, `${lvl} ${from}…${to}`).toEqual(paid);
			}
		}
	}

	it.skipIf(target.unavailable)(
		'reads open and sealed months exactly, and seals a month once a later one has payments',
		async () => {
			const pay = (
				id: string,
				date: string,
				amount: string,
				overrides: Record<string, unknown> = {}
			) => paymentRecord({ id, paidAt: at(date), amount, ...overrides });

			// January alone: the newest month, open. The line and unit levels have day rows only.
			await app.ingest('payment', [
				pay('S-1', '2026-01-05', '100.10'),
				pay('S-2', '2026-01-05', '200.20'),
				pay('S-3', '2026-01-20', '300.30', {
					deptCode: '138',
					agencyCode: '138001',
					funcCode: '2130305',
					econCode: '30905'
				}),
				pay('S-4', '2026-01-31', '-50.05')
			]);
			expect(await sealed()).toEqual([]);
			expect(await fineMonthRows()).toEqual([]);
			await expectReadsEqualPayments();

			// A February payment seals January: its month rows are its day rows summed. A stray month row
			// of the open month (written by hand) does not stop the store: the day rows win.
			await db()
				.execute(sql`insert into execution_rollup (level, budget_kind, dept_code, grain, period, func_code, econ_code,
				agency_code, project_code, amount, payment_count)
			select level, budget_kind, dept_code, 'm', '2026-01-01', func_code, econ_code, agency_code, project_code, 999999.99, 77
			from execution_rollup where level = 'line' and grain = 'd' and period = '2026-01-05'`);
			const february = await app.ingest('payment', [
				pay('S-5', '2026-02-02', '1000.00'),
				pay('S-6', '2026-02-28', '0.01', { projectCode: 'P-X', projectName: '项目' })
			]);
			expect(february.accepted).toBe(2);
			expect(await sealed()).toEqual(['2026-01-01']);
			expect(await fineMonthRows()).toEqual(['2026-01-01']);
			await expectReadsEqualPayments();

			// A late January payment updates the sealed month's rows; March seals February; a payment of
			// last December (older than the newest month) is sealed as it arrives.
			await app.ingest('payment', [
				pay('S-7', '2026-01-10', '7.77'),
				pay('S-8', '2026-03-03', '33.33'),
				pay('S-9', '2025-12-31', '12.12', {
					deptCode: '138',
					agencyCode: '138001',
					funcCode: '2130305',
					econCode: '30905'
				})
			]);
			expect(await sealed()).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
			expect(await fineMonthRows()).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
			await expectReadsEqualPayments();

			// A rebuild from the payments gives the same rows and the same sealed months.
			const before = await rows(
				db(),
				sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`
			);
			await rebuildExecutionRollup(db());
			expect(await sealed()).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
			expect(
				await rows(db(), sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`)
			).toEqual(before);
		}
	);
});
