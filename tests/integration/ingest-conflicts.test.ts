import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import type { RecordKind } from '../../src/lib/domain/records';
import type { LiveEvent } from '../../src/lib/live/events';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord } from '../support/factories';

/** Per kind with sender ids: a record, the same id with other content, and where its amount is stored. */
const KINDS: {
	kind: RecordKind;
	make: (id: string) => Record<string, unknown>;
	change: (r: Record<string, unknown>) => Record<string, unknown>;
	stored: (id: string) => ReturnType<typeof sql>;
}[] = [
	{
		kind: 'payment',
		make: (id) => paymentRecord({ id, amount: '100.00' }),
		change: (r) => ({ ...r, amount: '999.00' }),
		stored: (id) => sql`select amount::text as v from payment where id = ${id}`
	},
	{
		kind: 'plan',
		make: (id) => planRecord({ id, amount: '500000.00', deptCode: '301', funcCode: '2010101' }),
		change: (r) => ({ ...r, amount: '600000.00' }),
		stored: (id) => sql`select amount::text as v from plan_record where id = ${id}`
	},
	{
		kind: 'revenue',
		make: (id) => ({
			id,
			collectedAt: '2026-04-01T09:00:00+08:00',
			subjectCode: '10101',
			amount: '88.80'
		}),
		change: (r) => ({ ...r, amount: '88.90' }),
		stored: (id) => sql`select amount::text as v from revenue where id = ${id}`
	},
	{
		kind: 'asset',
		make: (id) => ({
			id,
			period: '2025',
			category: 'enterprise',
			entityCode: 'E1',
			entityName: '市交投集团',
			figures: { totalAssets: '1000.00' }
		}),
		change: (r) => ({ ...r, figures: { totalAssets: '2000.00' } }),
		stored: (id) => sql`select figures->>'totalAssets' as v from asset_report where id = ${id}`
	}
];

describe.each(databaseTargets)('duplicates and conflicts of every kind on $name', (target) => {
	const app = useTestApp(target);

	const value = async (q: ReturnType<typeof sql>) =>
		(await rows<{ v: string }>(app.database.db, q))[0]?.v;
	const quarantineEvents = () =>
		app.events.filter((e): e is LiveEvent<'quarantine'> => e.topic === 'quarantine');

	describe.each(KINDS)('$kind', ({ kind, make, change, stored }) => {
		it.skipIf(target.unavailable)(
			'counts the same record sent again as a duplicate and stores nothing twice',
			async () => {
				const record = make(`DUP-${kind}`);
				expect(await app.ingest(kind, [record])).toMatchObject({
					accepted: 1,
					duplicates: 0,
					rejected: []
				});
				const before = await value(stored(`DUP-${kind}`));
				expect(await app.ingest(kind, [record])).toMatchObject({
					accepted: 0,
					duplicates: 1,
					rejected: []
				});
				expect(await value(stored(`DUP-${kind}`))).toBe(before);
			}
		);

		it.skipIf(target.unavailable)(
			'keeps the first of one id with other content, quarantines the second as a conflict and signals it',
			async () => {
				const first = make(`CON-${kind}`);
				await app.ingest(kind, [first]);
				const before = await value(stored(`CON-${kind}`));
				const second = change(first);
				const ack = await app.ingest(kind, [second], `conflict-${kind}-${target.name}`);
				expect(ack).toMatchObject({ accepted: 0, duplicates: 0 });
				expect(ack.rejected).toEqual([
					{ index: 0, id: `CON-${kind}`, reason: expect.stringMatching(/^conflict: id CON-/) }
				]);
				expect(await value(stored(`CON-${kind}`))).toBe(before);

				const [q] = await rows<{ reason: string; raw: Record<string, unknown>; status: string }>(
					app.database.db,
					sql`select reason, raw, status from quarantine where batch_id = ${`conflict-${kind}-${target.name}`}`
				);
				expect(q.reason).toMatch(/^conflict: /);
				expect(q.raw).toEqual(second);
				expect(q.status).toBe('open');
				// The data-quality signal: a staff-only live event that counts the conflict.
				expect(quarantineEvents().at(-1)).toMatchObject({
					audience: 'staff',
					payload: { batchId: `conflict-${kind}-${target.name}`, count: 1, conflicts: 1 }
				});
			}
		);

		it.skipIf(target.unavailable)(
			'settles one id twice within a batch: same content a duplicate, other content a conflict',
			async () => {
				const record = make(`IN-${kind}`);
				const ack = await app.ingest(kind, [record, record, change(record)]);
				expect(ack.accepted).toBe(1);
				expect(ack.duplicates).toBe(1);
				expect(ack.rejected).toEqual([
					{ index: 2, id: `IN-${kind}`, reason: expect.stringMatching(/^conflict: /) }
				]);
			}
		);
	});

	it.skipIf(target.unavailable)(
		'tells a conflict from a duplicate in one batch against stored records',
		async () => {
			const a = paymentRecord({ amount: '1.00' });
			const b = paymentRecord({ amount: '2.00' });
			await app.ingest('payment', [a, b]);
			const fresh = paymentRecord({ amount: '3.00' });
			const ack = await app.ingest('payment', [a, { ...b, amount: '2.50' }, fresh]);
			expect(ack).toMatchObject({ accepted: 1, duplicates: 1 });
			expect(ack.rejected).toEqual([
				{ index: 1, id: b.id, reason: expect.stringMatching(/^conflict: /) }
			]);
		}
	);
});
