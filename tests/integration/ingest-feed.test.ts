import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { parseQuarantineFilter } from '../../src/lib/domain/quarantine-filter';
import type { LiveEvent } from '../../src/lib/live/events';
import { createUser } from '../../src/lib/server/auth/users';
import * as feed from '../../src/lib/server/feed';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

describe.each(databaseTargets)('feed status and quarantine work on $name', (target) => {
	const app = useTestApp(target);
	let staff: { id: number; username: string };
	beforeAll(async () => {
		if (target.unavailable) return;
		const user = await createUser(app.database.db, {
			username: 'liwei',
			displayName: '李伟',
			role: 'staff',
			password: 'a-long-staff-password'
		});
		staff = { id: user.id, username: user.username };
	});

	const filter = (search: string) => parseQuarantineFilter(new URLSearchParams(search)).filter;
	const entryOf = async (batchId: string) =>
		(
			await feed.quarantined(
				app.database.db,
				filter(`batch=${batchId}&status=all`),
				'Asia/Shanghai'
			)
		).rows[0];
	const auditOf = (target: string) =>
		rows<{ action: string; actor: string }>(
			app.database.db,
			sql`select action, actor from audit_log where target = ${target} order by id`
		);

	it.skipIf(target.unavailable)(
		'knows per source when data last arrived, the newest record time and how much, and says so live',
		async () => {
			const before = (await feed.sources(app.database.db)).find((s) => s.source === 'payment')!;
			await app.ingest('payment', [
				paymentRecord({ paidAt: '2026-05-06T09:30:00+08:00' }),
				paymentRecord({ paidAt: '2026-05-06T11:45:10+08:00' })
			]);
			const status = (await feed.sources(app.database.db)).find((s) => s.source === 'payment')!;
			expect(status.totalRecords).toBe(before.totalRecords + 2);
			expect(status.lastRecordAt).toBe('2026-05-06T03:45:10.000Z');
			expect(status.stale).toBe(false);
			expect(Date.now() - new Date(status.lastReceivedAt!).getTime()).toBeLessThan(60_000);
			const event = app.events.filter((e): e is LiveEvent<'feed'> => e.topic === 'feed').at(-1)!;
			expect(event.payload).toEqual({
				source: 'payment',
				receivedAt: status.lastReceivedAt,
				records: 2,
				lastRecordAt: '2026-05-06T03:45:10.000Z'
			});
			expect(event.audience).toBe('all');
			// Every kind is listed, delivered or not.
			expect((await feed.sources(app.database.db)).map((s) => s.source)).toEqual([
				'unit',
				'plan',
				'payment',
				'revenue',
				'asset',
				'code',
				'audit',
				'debt'
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'lists received batches newest first with their counts and duration',
		async () => {
			await app.ingest(
				'payment',
				[paymentRecord(), { id: 'BAD-1', amount: 'x' }],
				'batch-list-check'
			);
			const { rows: list, total } = await feed.batches(app.database.db, 1);
			expect(total).toBeGreaterThan(1);
			expect(list[0]).toMatchObject({
				batchId: 'batch-list-check',
				kind: 'payment',
				source: 'test',
				records: 2,
				accepted: 1,
				duplicates: 0,
				rejected: 1
			});
			expect(list[0].durationMs).toBeGreaterThanOrEqual(0);
		}
	);

	it.skipIf(target.unavailable)(
		're-submits a corrected record through ingest and marks the entry resubmitted, with who and when',
		async () => {
			const bad = paymentRecord({ amount: '12.345' });
			await app.ingest('payment', [bad], 'resubmit-ok');
			const entry = await entryOf('resubmit-ok');
			expect(entry).toMatchObject({ status: 'open', reason: expect.stringMatching(/^amount: /) });
			expect(JSON.parse(entry.raw)).toEqual(bad);

			const outcome = await feed.resubmit({
				actor: staff,
				id: entry.id,
				json: JSON.stringify({ ...bad, amount: '12.35' })
			});
			expect(outcome).toMatchObject({ ok: true, accepted: 1 });
			const [stored] = await rows<{ amount: string; batch_id: string }>(
				app.database.db,
				sql`select amount::text, batch_id from payment where id = ${bad.id as string}`
			);
			expect(stored.amount).toBe('12.35');
			const after = await entryOf('resubmit-ok');
			expect(after).toMatchObject({
				status: 'resubmitted',
				resolvedBy: { displayName: '李伟' },
				resolvedBatchId: stored.batch_id
			});
			expect(after.resolvedAt).not.toBeNull();
			expect(await auditOf(`quarantine:${entry.id}`)).toEqual([
				{ action: 'quarantine.resubmitted', actor: 'liwei' }
			]);
			expect(app.events.at(-1)).toMatchObject({
				topic: 'quarantine',
				audience: 'staff',
				payload: { resolved: [entry.id] }
			});
			// A resolved entry is not re-submitted twice.
			expect(
				await feed.resubmit({ actor: staff, id: entry.id, json: JSON.stringify(bad) })
			).toMatchObject({ ok: false, problem: 'notOpen' });
		}
	);

	it.skipIf(target.unavailable)(
		'keeps the entry open and stores nothing when the correction is still wrong, naming the field',
		async () => {
			const bad = paymentRecord({ funcCode: '20' });
			await app.ingest('payment', [bad], 'resubmit-bad');
			const entry = await entryOf('resubmit-bad');
			const quarantinedBefore = (
				await feed.quarantined(app.database.db, filter('status=all'), 'Asia/Shanghai')
			).total;
			const batchesBefore = (await feed.batches(app.database.db, 1)).total;

			const outcome = await feed.resubmit({
				actor: staff,
				id: entry.id,
				json: JSON.stringify({ ...bad, funcCode: '2050202', econCode: '3' })
			});
			expect(outcome).toEqual({
				ok: false,
				problem: 'rejected',
				reason: expect.stringMatching(/^econCode: must have/)
			});
			expect(await feed.resubmit({ actor: staff, id: entry.id, json: '{"id": ' })).toMatchObject({
				ok: false,
				problem: 'json'
			});
			expect((await entryOf('resubmit-bad')).status).toBe('open');
			expect(
				(await feed.quarantined(app.database.db, filter('status=all'), 'Asia/Shanghai')).total
			).toBe(quarantinedBefore);
			expect((await feed.batches(app.database.db, 1)).total).toBe(batchesBefore);
			expect(
				await rows(app.database.db, sql`select 1 from payment where id = ${bad.id as string}`)
			).toEqual([]);
			expect(await auditOf(`quarantine:${entry.id}`)).toEqual([]);
		}
	);

	it.skipIf(target.unavailable)(
		'resolves a conflict by re-submitting it under a new id',
		async () => {
			const first = paymentRecord({ amount: '10.00' });
			await app.ingest('payment', [first]);
			await app.ingest('payment', [{ ...first, amount: '20.00' }], 'resubmit-conflict');
			const entry = await entryOf('resubmit-conflict');
			expect(entry.reason).toMatch(/^conflict: /);
			expect(await feed.resubmit({ actor: staff, id: entry.id, json: entry.raw })).toMatchObject({
				ok: false,
				problem: 'rejected',
				reason: expect.stringMatching(/^conflict: /)
			});
			const outcome = await feed.resubmit({
				actor: staff,
				id: entry.id,
				json: JSON.stringify({ ...first, id: `${first.id}-B`, amount: '20.00' })
			});
			expect(outcome).toMatchObject({ ok: true, accepted: 1 });
		}
	);

	it.skipIf(target.unavailable)('discards an entry with who and when, once', async () => {
		await app.ingest('payment', [{ id: 'JUNK-1', note: 'test row' }], 'discard-me');
		const entry = await entryOf('discard-me');
		expect(await feed.discard({ actor: staff, id: entry.id })).toBeNull();
		expect(await entryOf('discard-me')).toMatchObject({
			status: 'discarded',
			resolvedBy: { displayName: '李伟' }
		});
		expect(await feed.discard({ actor: staff, id: entry.id })).toBe('notOpen');
		expect(await auditOf(`quarantine:${entry.id}`)).toEqual([
			{ action: 'quarantine.discarded', actor: 'liwei' }
		]);
	});

	it.skipIf(target.unavailable)(
		'filters the quarantine by kind, status, reason text, batch and receipt date',
		async () => {
			await app.ingest(
				'revenue',
				[{ id: 'RV-BAD', collectedAt: 'yesterday', subjectCode: '10101', amount: '1' }],
				'filter-revenue'
			);
			const db = app.database.db;
			const tz = 'Asia/Shanghai';
			expect(
				(await feed.quarantined(db, filter('kind=revenue'), tz)).rows.map((r) => r.recordId)
			).toEqual(['RV-BAD']);
			expect(
				(await feed.quarantined(db, filter('q=collectedAt'), tz)).rows.map((r) => r.batchId)
			).toEqual(['filter-revenue']);
			expect((await feed.quarantined(db, filter('q=rv-bad'), tz)).total).toBe(1);
			expect(
				(await feed.quarantined(db, filter('status=discarded'), tz)).rows.map((r) => r.batchId)
			).toEqual(['discard-me']);
			expect(
				(await feed.quarantined(db, filter('status=open'), tz)).rows.every(
					(r) => r.status === 'open'
				)
			).toBe(true);
			const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
			expect(
				(await feed.quarantined(db, filter(`kind=revenue&from=${today}&to=${today}`), tz)).total
			).toBe(1);
			expect((await feed.quarantined(db, filter('kind=revenue&to=2020-01-01'), tz)).total).toBe(0);
			// A reason with LIKE wildcards is text, not a pattern.
			expect((await feed.quarantined(db, filter('q=%25'), tz)).total).toBe(0);
		}
	);
});
