import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as alerts from '../../src/lib/server/alerts/index';
import { createUser } from '../../src/lib/server/auth/users';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

describe.each(databaseTargets)('alert lifecycle and rule changes on $name', (target) => {
	const app = useTestApp(target);
	let actorId: number;
	beforeAll(async () => {
		if (target.unavailable) return;
		const user = await createUser(app.database.db, {
			username: 'staff1',
			displayName: '预算工委',
			role: 'staff',
			password: 'correct horse battery'
		});
		actorId = (user as { id: number }).id;
		await app.ingest('unit', [unitRecord()]);
		await app.ingest('plan', [planRecord({ funcCode: '205', amount: '1000000.00' })]);
	});

	it.skipIf(target.unavailable)(
		'opens an over-plan alert on ingest and escalates it, never duplicating it',
		async () => {
			await app.ingest('payment', [paymentRecord({ amount: '960000.00' })]);
			let found = await alerts.listAlerts(app.database.db, {
				ruleType: 'overPlan',
				status: 'active'
			});
			expect(found.rows.map((r) => [r.subjectKey, r.level])).toEqual([
				['general:122:205', 'notice']
			]);
			await app.ingest('payment', [paymentRecord({ amount: '50000.00' })]);
			found = await alerts.listAlerts(app.database.db, { ruleType: 'overPlan', status: 'active' });
			expect(found.rows.map((r) => [r.subjectKey, r.level])).toEqual([
				['general:122:205', 'warning']
			]);
			const detail = await alerts.alertDetail(app.database.db, found.rows[0].id);
			expect(detail!.history.map((h) => h.kind)).toEqual(['opened', 'escalated']);
			expect(detail!.explanation.summary.zh).toMatch(/执行率 101\.0% ≥ 预警阈值 100%/);
			expect(detail!.rowsHref).toBe('/payments?year=2026&dept=122&func=205');
			const live = app.events.filter((e) => e.topic === 'alerts');
			expect(live.at(-1)!.payload).toMatchObject({ counts: { warning: 1 } });
		}
	);

	it.skipIf(target.unavailable)(
		"keeps an alert's figures current on ingest while its level stays the same",
		async () => {
			await app.ingest('payment', [paymentRecord({ amount: '10000.00' })]);
			const found = await alerts.listAlerts(app.database.db, {
				ruleType: 'overPlan',
				status: 'active'
			});
			expect(found.rows.map((r) => r.level)).toEqual(['warning']);
			const detail = await alerts.alertDetail(app.database.db, found.rows[0].id);
			// 1,020,000 of a 1,000,000 plan: the new payment counts, not the figures it escalated with.
			expect(detail!.explanation.summary.zh).toMatch(/执行率 102\.0% ≥ 预警阈值 100%/);
			expect(detail!.history.map((h) => h.kind)).toEqual(['opened', 'escalated']);
		}
	);

	it.skipIf(target.unavailable)(
		'clears the alert when a refund brings the line back under 95%',
		async () => {
			await app.ingest('payment', [paymentRecord({ amount: '-100000.00' })]);
			const [a] = await rows<{ status: string; closed: boolean }>(
				app.database.db,
				sql`select status, closed_at is not null as closed from alert where rule_type = 'overPlan'`
			);
			expect(a).toEqual({ status: 'cleared', closed: true });
			// Its case clears itself with it (no finding of it is active any more).
			const [c] = await rows<{ status: string; kinds: string }>(
				app.database.db,
				sql`select c.status, (select string_agg(h.kind, ',' order by h.id) from alert_case_history h where h.case_id = c.id) as kinds
					from alert_case c where c.cause = 'overPlan'`
			);
			expect(c).toEqual({ status: 'cleared', kinds: 'opened,escalated,cleared' });
		}
	);

	it.skipIf(target.unavailable)(
		'keeps a large payment under the severe threshold as a finding, then closes it as its case would',
		async () => {
			await app.ingest('payment', [paymentRecord({ amount: '2000000.00', id: 'BIG-1' })]);
			const [big] = (await alerts.listAlerts(app.database.db, { ruleType: 'largePayment' })).rows;
			expect(big.level).toBe('notice');
			// Closing a case closes its active findings (cases/workflow.ts, tested in cases.test.ts);
			// here the finding is closed the same way, so the rule change below meets a closed one.
			await app.database.db.execute(
				sql`update alert set status = 'resolved', closed_at = now(), updated_at = now() where id = ${big.id}`
			);
			expect(
				(await alerts.listAlerts(app.database.db, { ruleType: 'largePayment', status: 'active' }))
					.total
			).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'previews a threshold change without writing, saves it, and reverts it',
		async () => {
			const now = new Date('2026-03-20T12:00:00+08:00');
			await app.ingest('payment', [
				paymentRecord({ amount: '1500000.00', id: 'BIG-2', paidAt: '2026-03-12T10:00:00+08:00' })
			]);
			const proposal = {
				params: { thresholds: { notice: '1000000', warning: '1200000', severe: '50000000' } }
			};
			const preview = await alerts.previewRuleChange(app.database.db, 'largePayment', proposal, {
				now
			});
			// BIG-1 was resolved at notice: a higher level opens it again; BIG-2 rises.
			expect(
				preview.ok && preview.items.map((i) => [i.action, i.subjectKey, i.toLevel]).sort()
			).toEqual([
				['open', 'BIG-1', 'warning'],
				['raise', 'BIG-2', 'warning']
			]);
			const levels = async () =>
				(
					await alerts.listAlerts(app.database.db, { ruleType: 'largePayment', status: 'active' })
				).rows
					.map((r) => [r.subjectKey, r.level])
					.sort();
			expect(await levels()).toEqual([['BIG-2', 'notice']]);
			const bad = await alerts.saveRuleChange(
				app.database.db,
				'largePayment',
				{ params: { thresholds: { notice: '9', warning: '1', severe: '2' } } },
				actorId
			);
			expect(bad).toMatchObject({
				ok: false,
				error: expect.stringMatching(/^params\.thresholds: /)
			});
			const saved = await alerts.saveRuleChange(
				app.database.db,
				'largePayment',
				proposal,
				actorId,
				undefined,
				{ now }
			);
			expect(saved.ok).toBe(true);
			expect(await levels()).toEqual([
				['BIG-1', 'warning'],
				['BIG-2', 'warning']
			]);
			const config = await alerts.ruleConfig(app.database.db, 'largePayment');
			expect(config!.params.thresholds.warning).toBe('1200000');
			const reverted = await alerts.revertRuleChange(
				app.database.db,
				(saved as { changeId: number }).changeId,
				actorId,
				undefined,
				{ now }
			);
			expect(reverted.ok).toBe(true);
			expect(await levels()).toEqual([
				['BIG-1', 'notice'],
				['BIG-2', 'notice']
			]);
			const history = (await alerts.ruleConfig(app.database.db, 'largePayment'))!.changes;
			expect(history.map((c) => c.revertOf)).toEqual([
				(saved as { changeId: number }).changeId,
				null
			]);
			const audit = await rows<{ action: string }>(
				app.database.db,
				sql`select action from audit_log where target = 'rule:largePayment' order by id`
			);
			expect(audit.map((a) => a.action)).toEqual(['rule.thresholds_changed', 'rule.reverted']);
		}
	);

	it.skipIf(target.unavailable)(
		'raises revenue lag on a fall against the same period last year, counting last year only through the same day',
		async () => {
			await app.ingest('plan', [
				planRecord({
					side: 'revenue',
					subjectCode: '10101',
					deptCode: '',
					funcCode: '',
					amount: '1000000.00'
				})
			]);
			const revenue = (id: string, collectedAt: string, amount: string) => ({
				id,
				collectedAt,
				subjectCode: '10101',
				amount
			});
			// Last year: 1,000,000.00 by 10 May, and 5,000,000.00 in September, after the same day (31 July).
			await app.ingest('revenue', [
				revenue('R25-1', '2025-05-10T10:00:00+08:00', '1000000.00'),
				revenue('R25-2', '2025-09-01T10:00:00+08:00', '5000000.00')
			]);
			// This year, through 31 July: exactly on time progress (212/365 of the plan), 41.9 % down on last year.
			await app.ingest('revenue', [revenue('R26-1', '2026-07-31T10:00:00+08:00', '580822.00')]);
			const [lag] = (
				await alerts.listAlerts(app.database.db, { ruleType: 'revenueLag', status: 'active' })
			).rows;
			expect([lag.subjectKey, lag.level]).toEqual(['general:10101', 'severe']);
			const detail = await alerts.alertDetail(app.database.db, lag.id);
			expect(detail!.explanation.summary.zh).toMatch(/收入同比下降 41\.9% ≥ 严重阈值 15%$/);
			expect(detail!.explanation.inputs.find((i) => i.label.zh === '上年同期收入数')!.value).toBe(
				'1000000.00'
			);
			// Collections that bring it within 5 % of last year clear it.
			await app.ingest('revenue', [revenue('R26-2', '2026-07-31T11:00:00+08:00', '400000.00')]);
			expect(
				(await alerts.listAlerts(app.database.db, { ruleType: 'revenueLag', status: 'active' }))
					.total
			).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'keeps the feed-stale holiday calendar staff save, and refuses a date that does not exist',
		async () => {
			const db = app.database.db;
			const base = (await alerts.ruleConfig(db, 'feedStale'))!.params;
			expect(base).toMatchObject({ holidays: [], workdays: [] });
			const bad = await alerts.saveRuleChange(
				db,
				'feedStale',
				{ params: { ...base, holidays: ['2026-02-30'] } },
				actorId
			);
			expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^params\.holidays/) });
			const saved = await alerts.saveRuleChange(
				db,
				'feedStale',
				{ params: { ...base, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] } },
				actorId
			);
			expect(saved.ok).toBe(true);
			expect((await alerts.ruleConfig(db, 'feedStale'))!.params).toMatchObject({
				holidays: ['2026-10-01', '2026-10-02'],
				workdays: ['2026-10-10']
			});
		}
	);
});
