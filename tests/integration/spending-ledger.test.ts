/**
 * The spending ledger (src/lib/server/alerts/spending-ledger.ts): the line rules on ingest judge a
 * department's whole spending from memory, kept in step with each group's inserts. These tests hold
 * it to the rollup: after groups with duplicates and conflicts it gives what the rollup gives
 * without reading the year again, and whatever it did not see (a bulk load with the rules off, a
 * transaction rolled back) is found and read again, so an alert is never judged on stale spending.
 */
import { describe, expect, it } from 'vitest';
import * as alerts from '../../src/lib/server/alerts/index';
import { spendingLedgerOf } from '../../src/lib/server/alerts/spending-ledger';
import type { LineSpending } from '../../src/lib/domain/alerts/judges/spending';
import { loadLineSpending } from '../../src/lib/server/alerts/loaders/spending';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { preparePayments, storePayments } from '../../src/lib/server/ingest/payments';
import { validateRecord, type PaymentRecord } from '../../src/lib/domain/records';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord } from '../support/factories';

const TZ = 'Asia/Shanghai';
const sorted = (s: LineSpending[]) =>
	s
		.map(
			(x) =>
				`${x.budgetKind}|${x.deptCode}|${x.funcCode}|${x.econCode}|${x.projectCode}|${x.amount}|${x.payments}`
		)
		.sort();

describe.each(databaseTargets)('the spending ledger of the line rules on $name', (target) => {
	const app = useTestApp(target);
	const ledger = () => spendingLedgerOf(app.database);
	const depts = new Set(['122', '123', '124']);

	it.skipIf(target.unavailable)(
		'follows groups with duplicates and conflicts without reading the year again',
		async () => {
			const p = (i: number, overrides: Record<string, unknown> = {}) =>
				paymentRecord({
					id: `L-${i}`,
					deptCode: ['122', '123', '124'][i % 3],
					agencyCode: '',
					funcCode: ['2050202', '2010101', '2080501'][i % 3],
					econCode: ['30201', '30211', '31002'][i % 2],
					amount: `${100 + i}.${String(i % 100).padStart(2, '0')}`,
					paidAt: `2026-0${1 + (i % 9)}-1${i % 10}T09:30:00+08:00`,
					...overrides
				});
			await app.ingest('payment', [p(0)]);
			const reads = ledger().reads;
			expect(reads).toBeGreaterThan(0);
			// Four batches at once: the last three are committed as one group, with a duplicate of a payment
			// stored before, a repeat inside the group, a conflict and a refund.
			const batches = [
				Array.from({ length: 30 }, (_, i) => p(1 + i)),
				[...Array.from({ length: 30 }, (_, i) => p(31 + i)), p(0), p(5)],
				[
					...Array.from({ length: 30 }, (_, i) => p(61 + i)),
					p(40, { amount: '1.00' }),
					p(95, { amount: '-50.00' })
				],
				[p(62), p(120, { paidAt: '2025-12-31T23:30:00+08:00' })]
			];
			const acks = await Promise.all(batches.map((records) => app.ingest('payment', records)));
			expect(acks.map((a) => [a.accepted, a.duplicates, a.rejected.length])).toEqual([
				[30, 0, 0],
				[30, 2, 0],
				[31, 0, 1],
				[1, 1, 0]
			]);

			const db = app.database.db;
			expect(sorted(await ledger().spending(db, 2026, depts, []))).toEqual(
				sorted(await loadLineSpending(db, 2026, '2026-12-31'))
			);
			expect(sorted(await ledger().spending(db, 2025, depts, []))).toEqual(
				sorted(await loadLineSpending(db, 2025, '2025-12-31'))
			);
			// 2026 was read once, before the first payment; 2025 once, for its first payment.
			expect(ledger().reads).toBe(reads + 1);
		}
	);

	it.skipIf(target.unavailable)(
		'counts payments stored with the rules off before it judges the next one',
		async () => {
			await app.ingest('plan', [
				planRecord({ deptCode: '130', funcCode: '213', amount: '1000.00' })
			]);
			const pay = (id: string, amount: string) =>
				paymentRecord({ id, deptCode: '130', agencyCode: '', funcCode: '2130101', amount });
			await app.ingest('payment', [pay('R-1', '600.00')]);
			expect(
				(await alerts.listAlerts(app.database.db, { ruleType: 'overPlan', status: 'active' })).total
			).toBe(0);
			// A bulk load with the rules off: the ledger does not see it.
			const bulk = await ingestBatch(
				app.database,
				{ batchId: `bulk-${target.name}`, kind: 'payment', records: [pay('R-2', '300.00')] },
				{ source: 'bulk', tz: TZ, alerts: false }
			);
			expect(bulk.accepted).toBe(1);
			// 600 + 300 + 200 = 1,100 of a 1,000 plan: over plan, whatever the ledger last knew.
			await app.ingest('payment', [pay('R-3', '200.00')]);
			const found = await alerts.listAlerts(app.database.db, {
				ruleType: 'overPlan',
				status: 'active'
			});
			expect(found.rows.map((r) => r.subjectKey)).toEqual(['general:130:213']);
			const detail = await alerts.alertDetail(app.database.db, found.rows[0].id);
			expect(detail!.explanation.summary.zh).toMatch(/执行率 110\.0%/);
		}
	);

	it.skipIf(target.unavailable)('forgets what a rolled-back transaction added', async () => {
		const db = app.database.db;
		const before = sorted(await loadLineSpending(db, 2026, '2026-12-31'));
		const records = [
			paymentRecord({ id: 'RB-1', deptCode: '122', amount: '5000.00' }),
			paymentRecord({ id: 'RB-2', deptCode: '123', amount: '7.00' })
		];
		const items = records.map((raw, index) => {
			const v = validateRecord('payment', raw, TZ);
			if (!v.ok) throw new Error(v.reason);
			return { index, record: v.record as PaymentRecord, raw };
		});
		await expect(
			db.transaction(async (tx) => {
				const stored = await storePayments({ tx, tz: TZ }, [await preparePayments('rb', items)]);
				expect(stored.inserted.map((r) => r.id)).toEqual(['RB-1', 'RB-2']);
				const added = stored.inserted.map((r) => ({
					budgetKind: r.budgetKind,
					deptCode: r.deptCode,
					funcCode: r.funcCode,
					econCode: r.econCode,
					projectCode: r.projectCode,
					amount: r.amount,
					payments: 1
				}));
				const inside = await ledger().spending(tx, 2026, depts, added);
				expect(
					inside.filter((s) => s.deptCode === '122').reduce((n, s) => n + s.payments, 0)
				).toBeGreaterThan(0);
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		const reads = ledger().reads;
		expect(sorted(await ledger().spending(db, 2026, depts, []))).toEqual(
			before.filter((s) => depts.has(s.split('|')[1]))
		);
		expect(ledger().reads).toBe(reads + 1);
	});
});
