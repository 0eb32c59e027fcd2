import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as execution from '../../src/lib/server/execution';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

describe.each(databaseTargets)('payment ingest on $name', (target) => {
	const app = useTestApp(target);

	beforeAll(async () => {
		if (target.unavailable) return;
		await app.ingest('unit', [
			unitRecord(),
			unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })
		]);
		await app.ingest('plan', [planRecord({ amount: '5000000.00' })]);
	});

	const sumPayments = async () =>
		(
			await rows<{ s: string }>(
				app.database.db,
				sql`select coalesce(sum(amount), 0)::text as s from payment`
			)
		)[0].s;
	const sumRollup = async () =>
		(
			await rows<{ s: string }>(
				app.database.db,
				sql`select coalesce(sum(amount), 0)::text as s from execution_rollup where level = 'city' and grain = 'd'`
			)
		)[0].s;

	it.skipIf(target.unavailable)(
		'stores a payment exactly to the fen and rolls it up in the same transaction',
		async () => {
			const before = await sumPayments();
			const ack = await app.ingest('payment', [
				paymentRecord({ amount: '0.10' }),
				paymentRecord({ amount: 0.2 }),
				paymentRecord({ amount: '1234567.89' })
			]);
			expect(ack).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] });
			const added = (Number(await sumPayments()) * 100 - Number(before) * 100) / 100;
			expect(added.toFixed(2)).toBe('1234568.19');
			expect(await sumRollup()).toBe(await sumPayments());
		}
	);

	it.skipIf(target.unavailable)(
		'stores payee, purpose and id text exactly, tabs, line breaks and backslashes included',
		async () => {
			// Payments travel to the database as COPY text, where these characters are escapes.
			const texts = {
				id: `esc-${target.name}-a\\b\tc`,
				payee: '张三\t李四\\N',
				purpose: '第一行\n第二行\r\n\\N 与 \\t 原样',
				projectCode: undefined
			};
			const ack = await app.ingest('payment', [paymentRecord({ ...texts, amount: '1.00' })]);
			expect(ack).toMatchObject({ accepted: 1, rejected: [] });
			const [stored] = await rows<{
				id: string;
				payee: string;
				purpose: string;
				project_code: string | null;
			}>(
				app.database.db,
				sql`select id, payee, purpose, project_code from payment where id = ${texts.id}`
			);
			expect(stored).toEqual({
				id: texts.id,
				payee: texts.payee,
				purpose: texts.purpose,
				project_code: ''
			});
			// Sent again it is the same content: a duplicate, not a conflict.
			expect(
				await app.ingest('payment', [paymentRecord({ ...texts, amount: '1.00' })])
			).toMatchObject({ accepted: 0, duplicates: 1 });
		}
	);

	it.skipIf(target.unavailable)(
		'reports the same payment sent twice as a duplicate and changes nothing',
		async () => {
			const payment = paymentRecord({ amount: '500.00' });
			await app.ingest('payment', [payment]);
			const total = await sumPayments();
			const ack = await app.ingest('payment', [payment]);
			expect(ack).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
			expect(await sumPayments()).toBe(total);
		}
	);

	it.skipIf(target.unavailable)(
		'treats the same amount written differently as the same content',
		async () => {
			const payment = paymentRecord({ amount: '12.5' });
			await app.ingest('payment', [payment]);
			const ack = await app.ingest('payment', [{ ...payment, amount: 12.5 }]);
			expect(ack.duplicates).toBe(1);
		}
	);

	it.skipIf(target.unavailable)(
		'keeps the first of two payments with one id and quarantines the second as a conflict',
		async () => {
			const first = paymentRecord({ amount: '100.00' });
			await app.ingest('payment', [first]);
			const total = await sumPayments();
			const ack = await app.ingest('payment', [{ ...first, amount: '999.00' }]);
			expect(ack.accepted).toBe(0);
			expect(ack.rejected).toEqual([
				{ index: 0, id: first.id, reason: expect.stringContaining('conflict') }
			]);
			expect(await sumPayments()).toBe(total);
			const kept = await rows<{ reason: string; raw: { amount: string } }>(
				app.database.db,
				sql`select reason, raw from quarantine where record_id = ${first.id as string}`
			);
			expect(kept).toHaveLength(1);
			expect(kept[0].raw.amount).toBe('999.00');
		}
	);

	it.skipIf(target.unavailable)(
		'rejects malformed payments with field-level reasons and keeps each in quarantine',
		async () => {
			const batchId = `malformed-${target.name}`;
			const ack = await app.ingest(
				'payment',
				[
					paymentRecord({ amount: '12.345' }),
					paymentRecord({ amount: 'abc' }),
					paymentRecord({ paidAt: '2026-02-30T10:00:00+08:00' }),
					paymentRecord({ funcCode: '20A0202' }),
					{ ...paymentRecord(), deptCode: undefined },
					'not an object',
					paymentRecord({ amount: '88.00' })
				],
				batchId
			);
			expect(ack.accepted).toBe(1);
			expect(ack.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
			expect(ack.rejected[0].reason).toMatch(/^amount: .*at most 2 decimals/);
			expect(ack.rejected[1].reason).toMatch(/^amount: /);
			expect(ack.rejected[2].reason).toMatch(/^paidAt: .*exists/);
			expect(ack.rejected[3].reason).toMatch(/^funcCode: must contain digits only/);
			expect(ack.rejected[4].reason).toBe('deptCode: is required');
			expect(ack.rejected[5].reason).toBe('record: must be a JSON object');
			const kept = await rows<{ n: number }>(
				app.database.db,
				sql`select count(*)::int as n from quarantine where batch_id = ${batchId}`
			);
			expect(kept[0].n).toBe(6);
		}
	);

	it.skipIf(target.unavailable)(
		'answers a re-sent batch with the same acknowledgement and stores nothing twice',
		async () => {
			const records = [paymentRecord({ amount: '10.00' }), paymentRecord({ amount: 'x' })];
			const first = await app.ingest('payment', records, `resend-${target.name}`);
			const total = await sumPayments();
			const again = await app.ingest('payment', records, `resend-${target.name}`);
			expect(again).toEqual(first);
			expect(await sumPayments()).toBe(total);
		}
	);

	it.skipIf(target.unavailable)(
		'takes the fiscal year in Asia/Shanghai whatever the process time zone',
		async () => {
			expect(new Date('2026-01-01T00:00:00').getTimezoneOffset()).toBe(0); // npm test runs this suite with TZ=UTC
			const late = paymentRecord({ paidAt: '2025-12-31T23:30:00+08:00' });
			const early = paymentRecord({ paidAt: '2026-01-01T00:10:00+08:00' });
			const local = paymentRecord({ paidAt: '2026-01-01T00:05:00' }); // no offset: fiscal-zone local time
			await app.ingest('payment', [late, early, local]);
			const found = await rows<{ id: string; fiscal_year: number; fiscal_date: string }>(
				app.database.db,
				sql`select id, fiscal_year::int as fiscal_year, fiscal_date::text as fiscal_date from payment
				where id in (${late.id as string}, ${early.id as string}, ${local.id as string}) order by paid_at`
			);
			expect(found).toEqual([
				{ id: late.id, fiscal_year: 2025, fiscal_date: '2025-12-31' },
				{ id: local.id, fiscal_year: 2026, fiscal_date: '2026-01-01' },
				{ id: early.id, fiscal_year: 2026, fiscal_date: '2026-01-01' }
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'shows on the overview exactly what SQL sums, and publishes a live event after commit',
		async () => {
			const seqBefore = app.events.at(-1)?.seq ?? 0;
			await app.ingest('payment', [
				paymentRecord({ amount: '777.77', paidAt: '2026-06-01T09:00:00+08:00' })
			]);
			const o = await execution.overview(
				{ year: 2026, budgetKind: 'general', asOf: '2026-12-31' },
				'staff'
			);
			const [expected] = await rows<{ executed: string; plan: string }>(
				app.database.db,
				sql`select (select sum(amount)::text from payment where fiscal_year = 2026 and budget_kind = 'general') as executed,
				(select sum(available_amount)::text from plan_line where year = 2026) as plan`
			);
			expect(o.executed).toBe(expected.executed);
			expect(o.plan).toBe('5000000.00');
			expect(o.byClass.find((c) => c.code === '205')).toMatchObject({
				name: '教育支出',
				plan: '5000000.00',
				executed: expected.executed
			});
			// The batch's execution event (alert events of the same batch may follow it).
			const event = app.events.filter((e) => e.topic === 'execution').at(-1)!;
			expect(event.seq).toBeGreaterThan(seqBefore);
			expect(event).toMatchObject({
				topic: 'execution',
				payload: { changes: [{ year: 2026, budgetKind: 'general', amount: '777.77', payments: 1 }] }
			});
			expect(o.seq).toBe(app.events.at(-1)!.seq);
		}
	);
});
