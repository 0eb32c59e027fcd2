import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import type { Explanation } from '../../src/lib/domain/alerts/explanation';
import { severeChanges } from '../../src/lib/domain/alert-webhook';
import type { LiveEvent } from '../../src/lib/live/events';
import { createUser } from '../../src/lib/server/auth/users';
import * as cases from '../../src/lib/server/cases/index';
import { runtime } from '../../src/lib/server/runtime';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

interface StoredAlert {
	id: number;
	rule_type: string;
	level: string;
	status: string;
	opened_at: string;
	explanation: Explanation;
}

describe.each(databaseTargets)('alerts when code names change on $name', (target) => {
	const app = useTestApp(target);
	const stored = async () =>
		(
			await rows<StoredAlert>(
				app.database.db,
				sql`select id::int as id, rule_type, level, status, opened_at::text as opened_at, explanation
					from alert order by id`
			)
		).map((a) => ({
			...a,
			explanation: (typeof a.explanation === 'string'
				? JSON.parse(a.explanation)
				: a.explanation) as Explanation
		}));
	const histories = async () =>
		rows<{ alerts: number; cases: number }>(
			app.database.db,
			sql`select (select count(*)::int from alert_history) as alerts,
				(select count(*)::int from alert_case_history) as cases`
		);
	/** Every English text of an explanation, joined. */
	const english = (x: Explanation) =>
		[x.scopeLabel.en, x.summary.en, x.formula.en, ...x.inputs.map((i) => i.label.en)].join(' | ');
	// The payments' unknown agency (122002) is a data-quality alert too: it names no code.
	const named = (all: StoredAlert[]) => all.filter((a) => a.rule_type !== 'dataQuality');
	const active = (all: StoredAlert[]) =>
		all.filter((a) => ['open', 'acknowledged'].includes(a.status));
	const sameExceptWords = (a: StoredAlert) => [a.id, a.rule_type, a.level, a.status, a.opened_at];

	beforeAll(async () => {
		if (target.unavailable) return;
		const db = app.database.db;
		// A database stored before the shipped table had English for these codes.
		await db.execute(sql`update classification_entry set name_en = null
			where scheme = 'function' and code in ('205', '2050202')`);
		await db.execute(sql`update classification_code set name_en = null
			where scheme = 'function' and code in ('205', '2050202')`);
		const staff = await createUser(db, {
			username: 'staff-names',
			displayName: '预算工委',
			role: 'staff',
			password: 'correct horse battery'
		});
		await app.ingest('unit', [unitRecord()]);
		await app.ingest('plan', [planRecord({ funcCode: '205', amount: '10000000.00' })]);
		// Over plan on 205 (a case, acknowledged below) and two large payments on 2050202.
		await app.ingest('payment', [
			paymentRecord({ id: 'NAME-1', amount: '9600000.00', paidAt: '2026-03-10T10:00:00+08:00' }),
			paymentRecord({ id: 'NAME-2', amount: '1500000.00', paidAt: '2026-03-11T10:00:00+08:00' })
		]);
		const [overPlan] = (await cases.listCases(db, { status: 'active', cause: 'overPlan' })).rows;
		const acknowledged = await cases.changeCaseStatus(
			db,
			{
				id: overPlan.id,
				to: 'acknowledged',
				note: '已与单位核实',
				actorId: (staff as { id: number }).id
			},
			runtime().live
		);
		expect(acknowledged.ok).toBe(true);
		// One large payment closed by staff: history, it keeps its words.
		await db.execute(sql`update alert set status = 'resolved', closed_at = now(), updated_at = now()
			where rule_type = 'largePayment' and subject_key = 'NAME-2'`);
	});

	it.skipIf(target.unavailable)(
		'explains open and acknowledged alerts anew when the start-up sync brings English names, with no history or news',
		async () => {
			const before = await stored();
			expect(before.map((a) => [a.rule_type, a.status])).toEqual(
				expect.arrayContaining([
					['overPlan', expect.stringMatching(/open|acknowledged/)],
					['largePayment', 'open'],
					['largePayment', 'resolved']
				])
			);
			// Chinese names inside the English text: what a member reading in English saw.
			for (const a of named(before)) expect(english(a.explanation)).toMatch(/教育支出|小学教育/);
			const histBefore = await histories();
			const eventsBefore = app.events.length;

			expect(await seedReferenceCodes(app.database, { live: runtime().live })).toEqual({
				renamed: 2,
				explained: 1
			});

			const after = await stored();
			expect(after.map(sameExceptWords)).toEqual(before.map(sameExceptWords));
			for (const a of active(named(after))) {
				expect(english(a.explanation)).not.toMatch(/教育支出|小学教育/);
				expect(a.explanation.scopeLabel.en).toMatch(
					a.rule_type === 'overPlan' ? /205 Education$/ : /2050202 Primary education$/
				);
				expect(a.explanation.summary.en.startsWith(`${a.explanation.scopeLabel.en}: `)).toBe(true);
				// The Chinese text is as it was.
				const was = before.find((b) => b.id === a.id)!;
				expect(a.explanation.summary.zh).toBe(was.explanation.summary.zh);
			}
			// The closed alert is history: its words stay.
			const closed = after.find((a) => a.status === 'resolved')!;
			expect(closed.explanation).toEqual(before.find((b) => b.id === closed.id)!.explanation);
			expect(await histories()).toEqual(histBefore);
			// One `alerts` event: the cases whose findings read differently, explained; nothing to send.
			const fresh = app.events.slice(eventsBefore) as LiveEvent<'alerts'>[];
			expect(fresh.map((e) => e.topic)).toEqual(['alerts']);
			expect(fresh[0].payload.changes.length).toBeGreaterThan(0);
			expect(fresh[0].payload.changes.every((c) => c.change === 'explained')).toBe(true);
			expect(fresh[0].payload.changes.map((c) => c.ruleType)).toContain('overPlan');
			expect(severeChanges(fresh[0].payload)).toEqual([]);

			// Starting again changes nothing and says nothing.
			expect(await seedReferenceCodes(app.database, { live: runtime().live })).toEqual({
				renamed: 0,
				explained: 0
			});
			expect(await stored()).toEqual(after);
			expect(app.events.length).toBe(eventsBefore + 1);
		}
	);

	it.skipIf(target.unavailable)(
		"explains them anew when staff load the city's table for the year with a new name",
		async () => {
			const before = await stored();
			const histBefore = await histories();
			const eventsBefore = app.events.length;

			const ack = await app.ingest('code', [
				{
					scheme: 'function',
					code: '205',
					name: '教育支出（本市）',
					nameEn: 'Education (city)',
					year: 2026
				}
			]);
			expect(ack.accepted).toBe(1);

			const after = await stored();
			expect(after.map(sameExceptWords)).toEqual(before.map(sameExceptWords));
			const overPlan = after.find((a) => a.rule_type === 'overPlan')!;
			expect(overPlan.explanation.scopeLabel).toEqual({
				zh: '市教育局 205 教育支出（本市）',
				en: '市教育局 205 Education (city)'
			});
			expect(overPlan.explanation.summary.zh).toMatch(/^市教育局 205 教育支出（本市）：/);
			expect(overPlan.explanation.summary.en).toMatch(/^市教育局 205 Education \(city\): /);
			// The large payments name 2050202, whose name did not change.
			for (const a of after.filter((x) => x.rule_type === 'largePayment'))
				expect(a.explanation).toEqual(before.find((b) => b.id === a.id)!.explanation);
			expect(await histories()).toEqual(histBefore);
			const alertsEvents = app.events
				.slice(eventsBefore)
				.filter((e) => e.topic === 'alerts') as LiveEvent<'alerts'>[];
			expect(alertsEvents).toHaveLength(1);
			expect(alertsEvents[0].payload.changes).toEqual([
				expect.objectContaining({
					ruleType: 'overPlan',
					status: 'acknowledged',
					change: 'explained'
				})
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'explains anew, once, the alerts a database synced by an earlier release still shows with Chinese names',
		async () => {
			// The names are in effect, but an alert judged before they came reads the Chinese one.
			await app.database.db.execute(sql`update alert
				set explanation = replace(explanation::text, '2050202 Primary education', '2050202 小学教育')::jsonb
				where rule_type = 'largePayment' and status = 'open'`);
			const before = await stored();
			const stale = active(before).filter((a) =>
				english(a.explanation).includes('2050202 小学教育')
			);
			expect(stale.length).toBeGreaterThan(0);
			const histBefore = await histories();

			// Nothing renamed; the large payments are in no case, so no case reads differently.
			expect(await seedReferenceCodes(app.database, { live: runtime().live })).toEqual({
				renamed: 0,
				explained: 0
			});

			const after = await stored();
			expect(after.map(sameExceptWords)).toEqual(before.map(sameExceptWords));
			for (const a of stale) {
				const now = after.find((b) => b.id === a.id)!;
				expect(english(now.explanation)).toMatch(/2050202 Primary education/);
				expect(english(now.explanation)).not.toMatch(/小学教育/);
			}
			expect(await histories()).toEqual(histBefore);
			// Found once: the next start has nothing to explain and rewrites nothing.
			await seedReferenceCodes(app.database, { live: runtime().live });
			expect(await stored()).toEqual(after);
		}
	);
});
