/**
 * Dates must be real, and no input of any shape makes a batch answer 503: every date class below is
 * rejected by index with its reason and kept in quarantine, the good records of the same batch are
 * stored, and nothing dated in the future reaches a total, a rollup, an alert or the freshness line.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import type { IngestAck } from '../../src/lib/domain/records';
import { createUser } from '../../src/lib/server/auth/users';
import * as feed from '../../src/lib/server/feed';
import { handle } from '../../src/lib/server/ingest/http';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord } from '../support/factories';

const HOUR = 3_600_000;
/** An instant `ms` from now as ISO text with the +08:00 offset. */
const fromNow = (ms: number) =>
	new Date(Date.now() + ms + 8 * HOUR).toISOString().replace('Z', '+08:00').replace('.000', '');
const thisYear = Number(fromNow(0).slice(0, 4));

/** Each class of bad date, with the words its reason must carry; times relative to now taken when called. */
const badDates = (): [label: string, paidAt: string, reason: RegExp][] => [
	['later today (the demo seed once stored these)', fromNow(3 * HOUR), /in the future/],
	['two months ahead', fromNow(61 * 24 * HOUR), /in the future/],
	['six minutes ahead', fromNow(6 * 60_000), /in the future/],
	['the year 2100', '2100-01-01T10:00:00+08:00', /in the future/],
	['9999-12-31 at −12:00 (the year 10000 in UTC)', '9999-12-31T23:59:59-12:00', /in the future/],
	['9999 without an offset', '9999-06-01T10:00:00', /in the future/],
	['1999', '1999-12-31T23:59:59', /before the year 2000/],
	['1800', '1800-05-01T10:00:00+08:00', /before the year 2000/],
	['1582 (the Gregorian switch)', '1582-10-10T10:00:00', /before the year 2000/],
	['1000', '1000-01-01T00:00:00Z', /before the year 2000/],
	['0500 without an offset', '0500-06-15T10:00:00', /before the year 2000 \("0500/],
	['0050 (not 1950)', '0050-03-01T10:00:00+08:00', /before the year 2000 \("0050/],
	['0000', '0000-01-01T00:00:00', /before the year 2000/]
];

describe.each(databaseTargets)('dates that must be real on $name', (target) => {
	const app = useTestApp(target);
	let staff: { id: number; username: string };
	beforeAll(async () => {
		if (target.unavailable) return;
		const user = await createUser(app.database.db, {
			username: 'dates-staff',
			displayName: '周敏',
			role: 'staff',
			password: 'a-long-staff-password'
		});
		staff = { id: user.id, username: user.username };
	});

	const post = async (body: unknown) =>
		(await handle(
			new Request('http://app.test/api/ingest', {
				method: 'POST',
				headers: { authorization: 'Bearer test-ingest-key', 'content-type': 'application/json' },
				body: typeof body === 'string' ? body : JSON.stringify(body)
			})
		)) as { status: number; body: IngestAck };
	const quarantined = (batchId: string) =>
		rows<{ record_index: number; reason: string }>(
			app.database.db,
			sql`select record_index, reason from quarantine where batch_id = ${batchId} order by record_index`
		);
	const storedIds = async (ids: string[]) =>
		(
			await rows<{ id: string }>(
				app.database.db,
				sql`select id from payment where id in ${sql.raw(`(${ids.map((i) => `'${i}'`).join(',')})`)} order by id`
			)
		).map((r) => r.id);
	const totals = () =>
		rows<{ payments: string; rollup: string; latest: string | null; future: number }>(
			app.database.db,
			sql`select (select coalesce(sum(amount), 0)::text from payment) as payments,
				(select coalesce(sum(amount), 0)::text from execution_rollup where level = 'city' and grain = 'd') as rollup,
				(select last_record_at::text from feed_status where source = 'payment') as latest,
				(select count(*)::int from alert where year > ${thisYear}) as future`
		);

	it.skipIf(target.unavailable)(
		'rejects every bad date class by index with its reason, quarantines it, stores the good records, never 503',
		async () => {
			const BAD_DATES = badDates();
			const good = [paymentRecord(), paymentRecord({ paidAt: fromNow(-60_000) })];
			const bad = BAD_DATES.map(([, paidAt]) => paymentRecord({ paidAt, amount: '777777.77' }));
			const records = [good[0], ...bad, good[1]];
			const before = (await totals())[0];
			const res = await post({ batchId: 'dates-all-classes', kind: 'payment', records });
			expect(res.status).toBe(200);
			expect(res.body.accepted).toBe(2);
			expect(res.body.rejected.map((r) => r.index)).toEqual(bad.map((_, i) => i + 1));
			BAD_DATES.forEach(([label, , reason], i) =>
				expect(res.body.rejected[i].reason, label).toMatch(reason)
			);
			const kept = await quarantined('dates-all-classes');
			expect(kept.map((q) => q.record_index)).toEqual(bad.map((_, i) => i + 1));
			BAD_DATES.forEach(([label, , reason], i) => expect(kept[i].reason, label).toMatch(reason));
			expect(await storedIds(good.map((g) => g.id as string))).toEqual(
				good.map((g) => g.id as string).sort()
			);
			expect(await storedIds(bad.map((b) => b.id as string))).toEqual([]);
			// Nothing of the bad records reached a total, a rollup, an alert or the freshness line.
			const after = (await totals())[0];
			const added = (Number(after.payments) - Number(before.payments)).toFixed(2);
			expect(added).toBe((1234.56 * 2).toFixed(2));
			expect(after.rollup).toBe(after.payments);
			expect(new Date(after.latest!).getTime()).toBeLessThanOrEqual(Date.now());
			expect(after.future).toBe(0);
			const status = (await feed.sources(app.database.db)).find((s) => s.source === 'payment')!;
			expect(new Date(status.lastRecordAt!).getTime()).toBeLessThanOrEqual(Date.now());
		}
	);

	it.skipIf(target.unavailable)(
		'a future collection is rejected too, and revenue totals and freshness stay as they were',
		async () => {
			const res = await post({
				batchId: 'dates-revenue',
				kind: 'revenue',
				records: [
					{
						id: 'R-OK',
						collectedAt: '2026-03-02T09:00:00+08:00',
						subjectCode: '10101',
						amount: '10.00'
					},
					{
						id: 'R-NEXT-YEAR',
						collectedAt: `${thisYear + 1}-01-15T10:00:00`,
						subjectCode: '10101',
						amount: '99.00'
					},
					{ id: 'R-OLD', collectedAt: '1900-01-15T10:00:00', subjectCode: '10101', amount: '99.00' }
				]
			});
			expect(res.status).toBe(200);
			expect(res.body.accepted).toBe(1);
			expect(res.body.rejected.map((r) => [r.index, r.id])).toEqual([
				[1, 'R-NEXT-YEAR'],
				[2, 'R-OLD']
			]);
			expect(res.body.rejected[0].reason).toMatch(/^collectedAt: is in the future/);
			expect(res.body.rejected[1].reason).toMatch(/^collectedAt: is before the year 2000/);
			expect((await quarantined('dates-revenue')).length).toBe(2);
			const [r] = await rows<{ n: number; latest: string }>(
				app.database.db,
				sql`select (select count(*)::int from revenue) as n,
					(select last_record_at::text from feed_status where source = 'revenue') as latest`
			);
			expect(r.n).toBe(1);
			expect(new Date(r.latest).getTime()).toBeLessThanOrEqual(Date.now());
		}
	);

	it.skipIf(target.unavailable)(
		'a record nested thousands of levels deep is rejected alone (kept, cut to its first levels), not 503',
		async () => {
			let deep: unknown = { amount: '1.00' };
			for (let i = 0; i < 5000; i++) deep = { nested: deep };
			// Five thousand levels of objects, and two hundred thousand of arrays (400 kB of brackets).
			const body = `{"batchId":"dates-deep","kind":"payment","records":[${JSON.stringify(paymentRecord())},${'['.repeat(200_000)}1${']'.repeat(200_000)},${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]}`;
			const res = await post(body);
			expect(res.status).toBe(200);
			expect(res.body.accepted).toBe(1);
			expect(res.body.rejected.map((r) => r.index)).toEqual([1, 2]);
			for (const r of res.body.rejected) expect(r.reason).toMatch(/nested more than 32 levels/);
			expect((await quarantined('dates-deep')).length).toBe(2);
			// Through the ingest door the tests use (the socket's), a deep record object likewise.
			const ack = await app.ingest('payment', [deep, paymentRecord()], 'dates-deep-object');
			expect(ack.accepted).toBe(1);
			expect(ack.rejected[0].reason).toMatch(/nested more than/);
		}
	);

	it.skipIf(target.unavailable)(
		're-submitting a bad date from quarantine answers with the reason, never "unavailable"',
		async () => {
			const record = paymentRecord({ paidAt: '0500-06-15T10:00:00' });
			await post({ batchId: 'dates-resubmit', kind: 'payment', records: [record] });
			const [entry] = await rows<{ id: number }>(
				app.database.db,
				sql`select id::int from quarantine where batch_id = 'dates-resubmit'`
			);
			for (const paidAt of ['9999-12-31T23:59:59-12:00', '0099-01-01T00:00:00', fromNow(HOUR)]) {
				const outcome = await feed.resubmit({
					actor: staff,
					id: entry.id,
					json: JSON.stringify({ ...record, paidAt })
				});
				expect(outcome.ok).toBe(false);
				expect(outcome.ok || outcome.problem).toBe('rejected');
			}
			const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
			const outcome = await feed.resubmit({ actor: staff, id: entry.id, json: deep });
			expect(outcome.ok || outcome.problem).toBe('rejected');
			const fixed = await feed.resubmit({
				actor: staff,
				id: entry.id,
				json: JSON.stringify({ ...record, paidAt: '2026-06-15T10:00:00' })
			});
			expect(fixed.ok).toBe(true);
		}
	);
});
