/**
 * Group commit: payment batches that arrive while the writer is busy are committed together, and
 * each still gets exactly the ack, quarantine entries and ingest_batch row it would get alone.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { rows } from '../../db/client';
import type { LiveEvent } from '../../src/lib/live/events';
import { ingestBatch, waitingBatches } from '../../src/lib/server/ingest/index';
import { COMMIT_ORDER_LOCK } from '../../src/lib/server/write-path';
import { SMALL_GROUP_PAYMENTS } from '../../src/lib/server/ingest/payments';
import { SLICE_RECORDS } from '../../src/lib/server/ingest/slices';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

describe.each(databaseTargets)('payment batches committed as a group on $name', (target) => {
	const app = useTestApp(target);

	const executionEvents = () =>
		app.events.filter((e): e is LiveEvent<'execution'> => e.topic === 'execution');
	const fen = (yuan: string) => Math.round(Number(yuan) * 100);

	it.skipIf(target.unavailable)(
		'gives each batch of a group its own ack, with duplicates and conflicts across the group as if sent apart',
		async () => {
			const p = (g: string, i: number, amount = `${100 + i}.${String(i % 100).padStart(2, '0')}`) =>
				paymentRecord({
					id: `G-${g}-${i}`,
					amount,
					paidAt: `2026-05-${String(10 + (i % 5)).padStart(2, '0')}T10:00:00+08:00`
				});
			const b1 = Array.from({ length: 40 }, (_, i) => p('a', i));
			const b2 = Array.from({ length: 40 }, (_, i) => p('b', i));
			// b3 repeats two of b2's payments: one identical (duplicate), one with another amount (conflict).
			const b3 = [
				...Array.from({ length: 30 }, (_, i) => p('c', i)),
				b2[5],
				{ ...b2[6], amount: '7.77' }
			];
			// b4 repeats one of b1's (committed in the group before) and one of its own; one record is invalid.
			const b4 = [
				...Array.from({ length: 20 }, (_, i) => p('d', i)),
				b1[0],
				p('d', 3),
				{ ...p('d', 99), amount: '12.345' }
			];
			const events = executionEvents().length;
			const ids = ['g-1', 'g-2', 'g-3', 'g-4'].map((id) => `${id}-${target.name}`);
			// Sent together: the first is committed alone (the writer was idle), the other three wait and go as one group.
			const acks = await Promise.all(
				[b1, b2, b3, b4].map((records, i) => app.ingest('payment', records, ids[i]))
			);

			expect(acks[0]).toEqual({ batchId: ids[0], accepted: 40, duplicates: 0, rejected: [] });
			expect(acks[1]).toEqual({ batchId: ids[1], accepted: 40, duplicates: 0, rejected: [] });
			expect(acks[2]).toMatchObject({ batchId: ids[2], accepted: 30, duplicates: 1 });
			expect(acks[2].rejected).toEqual([
				{ index: 31, id: 'G-b-6', reason: expect.stringMatching(/^conflict:/) }
			]);
			expect(acks[3]).toMatchObject({ batchId: ids[3], accepted: 20, duplicates: 2 });
			expect(acks[3].rejected).toEqual([
				{ index: 22, id: 'G-d-99', reason: expect.stringContaining('amount') }
			]);
			// Two transactions, not four: one execution event each.
			expect(executionEvents().length - events).toBe(2);

			// Stored once each, to the fen, against sums computed here.
			const expected = [...b1, ...b2, ...b3.slice(0, 30), ...b4.slice(0, 20)];
			const [stored] = await rows<{ n: number; total: string; rollup: string }>(
				app.database.db,
				sql`select count(*)::int as n, sum(amount)::text as total,
				(select sum(amount)::text from execution_rollup where level = 'city' and grain = 'm' and period = '2026-05-01') as rollup
			from payment where id like 'G-%'`
			);
			const total = expected.reduce((s, r) => s + fen(r.amount as string), 0);
			expect(stored.n).toBe(expected.length);
			expect(fen(stored.total)).toBe(total);
			expect(fen(stored.rollup)).toBe(total);
			// The conflict and the invalid record are quarantined under their own batch, at their own index.
			const quarantined = await rows<{ batch_id: string; record_index: number; record_id: string }>(
				app.database.db,
				sql`select batch_id, record_index, record_id from quarantine where batch_id like 'g-%' order by batch_id`
			);
			expect(quarantined).toEqual([
				{ batch_id: ids[2], record_index: 31, record_id: 'G-b-6' },
				{ batch_id: ids[3], record_index: 22, record_id: 'G-d-99' }
			]);
			const batches = await rows<{
				batch_id: string;
				accepted: number;
				duplicates: number;
				rejected_count: number;
			}>(
				app.database.db,
				sql`select batch_id, accepted, duplicates, rejected_count from ingest_batch where batch_id like 'g-%' order by batch_id`
			);
			expect(batches.map((b) => [b.accepted, b.duplicates, b.rejected_count])).toEqual([
				[40, 0, 0],
				[40, 0, 0],
				[30, 1, 1],
				[20, 2, 1]
			]);
			// Re-sending a batch of the group returns its stored ack and stores nothing.
			expect(await app.ingest('payment', b3, ids[2])).toEqual(acks[2]);
		}
	);

	it.skipIf(target.unavailable)(
		'answers a batchId sent twice at once with one ack, storing it once',
		async () => {
			const records = Array.from({ length: 10 }, (_, i) =>
				paymentRecord({ id: `G-twice-${i}`, amount: '10.00' })
			);
			const id = `g-twice-${target.name}`;
			const [first, second, third] = await Promise.all([
				app.ingest('payment', [paymentRecord({ id: 'G-twice-x' })], `g-before-${target.name}`),
				app.ingest('payment', records, id),
				app.ingest('payment', records, id)
			]);
			expect(first.accepted).toBe(1);
			expect(second).toEqual({ batchId: id, accepted: 10, duplicates: 0, rejected: [] });
			expect(third).toEqual(second);
			const [n] = await rows<{ n: number }>(
				app.database.db,
				sql`select count(*)::int as n from payment where id like 'G-twice-%'`
			);
			expect(n.n).toBe(11);
		}
	);

	it.skipIf(target.unavailable)(
		'commits a live batch of another source before the large batches of a file waiting ahead of it',
		async () => {
			const batch = (g: string, n: number) =>
				Array.from({ length: n }, (_, i) => paymentRecord({ id: `G-q${g}-${i}`, amount: '1.00' }));
			const committed: string[] = [];
			const send = (name: string, records: Record<string, unknown>[], source: string) =>
				ingestBatch(
					app.database,
					{ batchId: `g-q-${name}-${target.name}`, kind: 'payment', records },
					{ source, tz: app.config.fiscalTz }
				).then((ack) => {
					committed.push(name);
					return ack;
				});
			// Another transaction holds the ingest lock, so the writer's first transaction waits and the
			// batches after it queue: a file's first batch (taken by the writer), two large ones, then a live
			// push of one payment and the file's small last batch.
			let release!: () => void;
			const gate = new Promise<void>((resolve) => (release = resolve));
			let locked!: () => void;
			const held = new Promise<void>((resolve) => (locked = resolve));
			const holder = app.database.db.transaction(async (tx) => {
				await tx.execute(sql`select pg_advisory_xact_lock(${COMMIT_ORDER_LOCK})`);
				locked();
				await gate;
			});
			await held;
			const sent = [
				send('file-1', batch('f1', 1_500), 'file'),
				send('file-2', batch('f2', 1_500), 'file'),
				send('file-3', batch('f3', 1_500), 'file')
			];
			await vi.waitFor(() => expect(waitingBatches(app.database)).toBe(2), { interval: 5 });
			sent.push(send('live', batch('live', 1), 'live'), send('file-4', batch('f4', 5), 'file'));
			await vi.waitFor(() => expect(waitingBatches(app.database)).toBe(4), { interval: 5 });
			release();
			await holder;
			const acks = await Promise.all(sent);
			// The live payment waits only for the transaction already running; the file's last batch keeps
			// its place behind the file's others.
			expect(committed).toEqual(['file-1', 'live', 'file-2', 'file-3', 'file-4']);
			expect(acks.map((a) => a.accepted)).toEqual([1_500, 1_500, 1_500, 1, 5]);
			const [stored] = await rows<{ n: number }>(
				app.database.db,
				sql`select count(*)::int as n from payment where id like 'G-q%'`
			);
			expect(stored.n).toBe(4_506);
		}
	);

	it.skipIf(target.unavailable)(
		'stores a COPY-sized batch that repeats ids stored by another batch once, counting them as duplicates and conflicts',
		async () => {
			// Over SMALL_GROUP_PAYMENTS fresh payments: the group goes by COPY into the staging table, and
			// the insert skips the ids the first batch stored.
			const n = SMALL_GROUP_PAYMENTS + 10;
			// A day no other payment of the suite has, for the rollup's day total.
			const paidAt = '2026-01-15T10:00:00+08:00';
			const first = Array.from({ length: n }, (_, i) =>
				paymentRecord({ id: `G-copy-${i}`, amount: '3.00', paidAt })
			);
			const again = [
				...first.slice(0, 5),
				{ ...first[5], amount: '4.00' },
				...Array.from({ length: n }, (_, i) =>
					paymentRecord({ id: `G-copy-new-${i}`, amount: '5.00', paidAt })
				)
			];
			const send = (name: string, records: Record<string, unknown>[]) =>
				app.ingest('payment', records, `g-copy-${name}-${target.name}`);
			expect(await send('first', first)).toEqual({
				batchId: `g-copy-first-${target.name}`,
				accepted: n,
				duplicates: 0,
				rejected: []
			});
			const ack = await send('again', again);
			expect(ack).toMatchObject({ accepted: n, duplicates: 5 });
			expect(ack.rejected).toEqual([
				{ index: 5, id: 'G-copy-5', reason: expect.stringMatching(/^conflict:/) }
			]);
			const [stored] = await rows<{ n: number; total: string; rollup: string }>(
				app.database.db,
				sql`select count(*)::int as n, sum(amount)::text as total,
					(select sum(amount)::text from execution_rollup
						where level = 'city' and grain = 'd' and period = '2026-01-15') as rollup
				from payment where id like 'G-copy-%'`
			);
			expect(stored.n).toBe(2 * n);
			expect(stored.total).toBe((3 * n + 5 * n).toFixed(2));
			expect(stored.rollup).toBe(stored.total);
		}
	);

	it.skipIf(target.unavailable)(
		"keeps a source's batches in the order they arrived, though a large one is validated in slices",
		async () => {
			// The first batch takes several slices to validate; the second, one record, none. Both carry the
			// id G-order-0, with other amounts: the one that arrived first is stored, the other is a conflict.
			const large = Array.from({ length: 2 * SLICE_RECORDS + 1 }, (_, i) =>
				paymentRecord({ id: `G-order-${i}`, amount: '2.00' })
			);
			const late = [paymentRecord({ id: 'G-order-0', amount: '9.00' })];
			const send = (name: string, records: Record<string, unknown>[]) =>
				ingestBatch(
					app.database,
					{ batchId: `g-order-${name}-${target.name}`, kind: 'payment', records },
					{ source: 'file', tz: app.config.fiscalTz }
				);
			const [first, second] = await Promise.all([send('large', large), send('late', late)]);
			expect(first).toEqual({
				batchId: `g-order-large-${target.name}`,
				accepted: large.length,
				duplicates: 0,
				rejected: []
			});
			expect(second.accepted).toBe(0);
			expect(second.rejected).toEqual([
				{ index: 0, id: 'G-order-0', reason: expect.stringMatching(/^conflict:/) }
			]);
			const [stored] = await rows<{ amount: string }>(
				app.database.db,
				sql`select amount::text from payment where id = 'G-order-0'`
			);
			expect(stored.amount).toBe('2.00');
		}
	);

	it.skipIf(target.unavailable)(
		'fails only the batch the database refuses, not the others of its group',
		async () => {
			// A trigger refuses one payment id, as a database fault would refuse one batch.
			await app.database.db
				.execute(sql`create function refuse_boom() returns trigger language plpgsql as $$
			begin if new.id = 'G-BOOM' then raise exception 'refused for the test'; end if; return new; end $$`);
			await app.database.db.execute(
				sql`create trigger refuse_boom before insert on payment for each row execute function refuse_boom()`
			);
			try {
				const batch = (g: string) =>
					Array.from({ length: 5 }, (_, i) =>
						paymentRecord({ id: `G-f${g}-${i}`, amount: '1.00' })
					);
				const sent = [
					batch('1'),
					batch('2'),
					[...batch('3'), paymentRecord({ id: 'G-BOOM', amount: '1.00' })],
					batch('4')
				].map((records, i) => app.ingest('payment', records, `g-fault-${i}-${target.name}`));
				const outcomes = await Promise.allSettled(sent);
				expect(outcomes.map((o) => o.status)).toEqual([
					'fulfilled',
					'fulfilled',
					'rejected',
					'fulfilled'
				]);
				const refused = (outcomes[2] as PromiseRejectedResult).reason;
				expect(refused.cause?.message ?? refused.message).toMatch(/refused for the test/);
				const stored = await rows<{ id: string }>(
					app.database.db,
					sql`select id from payment where id like 'G-f%' order by id`
				);
				expect(stored.map((r) => r.id.slice(0, 4))).toEqual([
					...Array(5).fill('G-f1'),
					...Array(5).fill('G-f2'),
					...Array(5).fill('G-f4')
				]);
				const [acked] = await rows<{ n: number }>(
					app.database.db,
					sql`select count(*)::int as n from ingest_batch where batch_id like 'g-fault-%'`
				);
				expect(acked.n).toBe(3);
			} finally {
				await app.database.db.execute(sql`drop trigger refuse_boom on payment`);
				await app.database.db.execute(sql`drop function refuse_boom()`);
			}
		}
	);
});
