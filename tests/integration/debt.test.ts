import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as debt from '../../src/lib/server/debt';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

const rec = (
	id: string,
	period: string,
	debtType: 'general' | 'special',
	o: Record<string, string> = {}
) => ({ id, period, debtType, limit: '1000.00', balance: '0', ...o });

describe.each(databaseTargets)('government debt on $name', (target) => {
	const app = useTestApp(target);
	const batch = [
		// 2025: a year's records; 综合财力 1000 → 债务率 (600.10 + 650.00) / 1000 = 125.01% (预警)
		rec('G-2025', '2025', 'general', {
			limit: '700.00',
			balance: '600.10',
			issued: '50.05',
			principalRepaid: '20.00',
			interestPaid: '18.33',
			capacity: '1000.00'
		}),
		rec('S-2025', '2025', 'special', { limit: '800.00', balance: '650.00', issued: '100.00' }),
		// 2026 by month: flows summed, balances from the latest month
		rec('G-2026-01', '2026-01', 'general', {
			limit: '720.00',
			balance: '610.00',
			interestPaid: '1.11',
			interestDue: '1.11'
		}),
		rec('G-2026-02', '2026-02', 'general', {
			limit: '720.00',
			balance: '605.01',
			principalRepaid: '4.99',
			interestPaid: '2.22',
			principalDue: '4.99',
			interestDue: '2.22',
			capacity: '400.00'
		}),
		rec('S-2026-02', '2026-02', 'special', {
			limit: '900.00',
			balance: '700.00',
			issued: '50.00',
			refinanced: '10.00',
			interestPaid: '3.33',
			interestDue: '3.33'
		})
	];

	beforeAll(async () => {
		if (target.unavailable) return;
		const ack = await app.ingest('debt', batch, 'debt-batch-1');
		expect(ack).toMatchObject({ accepted: 5, duplicates: 0, rejected: [] });
	});

	it.skipIf(target.unavailable)('stores nothing twice when a batch is re-sent', async () => {
		const again = await app.ingest('debt', batch, 'debt-batch-1');
		expect(again).toMatchObject({ accepted: 5, duplicates: 0 });
		const other = await app.ingest('debt', batch, 'debt-batch-2');
		expect(other).toMatchObject({ accepted: 0, duplicates: 5, rejected: [] });
		const changed = await app.ingest('debt', [{ ...batch[0], balance: '1.00' }], 'debt-batch-3');
		expect(changed.rejected[0].reason).toMatch(/^conflict:/);
		const [n] = await rows<{ n: number }>(
			app.database.db,
			sql`select count(*)::int as n from debt_record`
		);
		expect(n.n).toBe(5);
	});

	it.skipIf(target.unavailable)('rejects a bad record with its reason', async () => {
		const ack = await app.ingest('debt', [
			rec('X', '2026-13', 'general'),
			rec('Y', '2026', 'other' as 'general')
		]);
		expect(ack.accepted).toBe(0);
		expect(ack.rejected.map((r) => r.reason)).toEqual([
			expect.stringContaining('period'),
			expect.stringContaining('debtType')
		]);
	});

	it.skipIf(target.unavailable)('aggregates exactly by type and period', async () => {
		const page = await debt.debtPage({ year: 2026 });
		expect(page.years).toEqual([2026, 2025]);
		const y = page.current!;
		expect(y.types.map((t) => [t.debtType, t.asOf, t.limit, t.balance])).toEqual([
			['general', '2026-02', '720.00', '605.01'],
			['special', '2026-02', '900.00', '700.00']
		]);
		expect(y.limit).toBe('1620.00');
		expect(y.balance).toBe('1305.01');
		expect(y.flows).toMatchObject({
			issued: '50.00',
			refinanced: '10.00',
			principalRepaid: '4.99',
			interestPaid: '6.66'
		});
		expect(y.months[0].flows.interestPaid).toBe('1.11');
		expect(y.months[1].flows.interestPaid).toBe('5.55');
		// 1305.01 / 400 = 326.2525% → red
		expect(y.ratio).toEqual({ value: '3.2625', percent: '326.25', grade: 'red' });
		const last = page.history.find((h) => h.year === 2025)!;
		expect(last).toMatchObject({ limit: '1500.00', balance: '1250.10' });
		expect(last.flows).toMatchObject({ issued: '150.05', interestPaid: '18.33' });
		expect(last.ratio).toEqual({ value: '1.2501', percent: '125.01', grade: 'yellow' });
	});

	it.skipIf(target.unavailable)('the debt-ratio rule fires at its grades', async () => {
		const y2026 = await debt.debtPage({ year: 2026 });
		expect(y2026.alerts.filter((a) => a.ruleType === 'debtRatio')).toEqual([
			expect.objectContaining({ period: '2026', level: 'severe' })
		]);
		const y2025 = await debt.debtPage({ year: 2025 });
		expect(y2025.alerts.filter((a) => a.ruleType === 'debtRatio')).toEqual([
			expect.objectContaining({ period: '2025', level: 'warning' })
		]);
		// More capacity in 2025: 1250.10 / 1250.10 = 100% → 提示 (a new record of the year)
		await app.ingest('debt', [
			rec('C-2025', '2025', 'special', { limit: '800.00', balance: '650.00', capacity: '1250.10' })
		]);
		const after = await debt.debtPage({ year: 2025 });
		expect(after.alerts.filter((a) => a.ruleType === 'debtRatio')).toEqual([
			expect.objectContaining({ period: '2025', level: 'notice' })
		]);
	});
});
