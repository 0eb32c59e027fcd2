import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePeriodic, listAlerts } from '../../src/lib/server/alerts/index';
import { createUser } from '../../src/lib/server/auth/users';
import * as cases from '../../src/lib/server/cases/index';
import { runtime } from '../../src/lib/server/runtime';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

const NOV_30 = new Date('2026-11-30T18:00:00+08:00');

describe.each(databaseTargets)('cases on $name', (target) => {
	const app = useTestApp(target);
	let actorId: number;
	beforeAll(async () => {
		if (target.unavailable) return;
		const user = await createUser(app.database.db, {
			username: 'staff-cases',
			displayName: '预算工委',
			role: 'staff',
			password: 'correct horse battery'
		});
		actorId = (user as { id: number }).id;
		await app.ingest('unit', [unitRecord({ code: '138', name: '市住建局' })]);
		// Four projects of 100万 each, with almost nothing paid by the end of November.
		await app.ingest(
			'plan',
			['A', 'B', 'C', 'D'].map((p) =>
				planRecord({
					deptCode: '138',
					funcCode: '212',
					projectCode: `138-P-${p}`,
					projectName: `项目${p}`,
					amount: '1000000.00'
				})
			)
		);
		await app.ingest('payment', [
			paymentRecord({
				deptCode: '138',
				funcCode: '212',
				projectCode: '138-P-A',
				amount: '10000.00',
				paidAt: '2026-03-02T10:00:00+08:00',
				agencyCode: '138001'
			})
		]);
	});

	it.skipIf(target.unavailable)(
		'makes a department with four lagging projects one case with four project findings as evidence',
		async () => {
			await evaluatePeriodic(app.database.db, NOV_30, runtime().live, { all: true });
			const { rows: found } = await cases.listCases(app.database.db, {
				year: 2026,
				status: 'active',
				cause: 'spendingBehind'
			});
			expect(found).toHaveLength(1);
			const detail = await cases.caseDetail(app.database.db, found[0].id);
			const lag = detail!.findings.filter((f) => f.ruleType === 'paceLag');
			expect(lag.filter((f) => f.projectCode).map((f) => f.projectCode)).toEqual(
				expect.arrayContaining(['138-P-A', '138-P-B', '138-P-C', '138-P-D'])
			);
			expect(lag.filter((f) => f.projectCode)).toHaveLength(4);
			// The department's own lag names the case; its level is the highest of its findings.
			expect(detail!.findings[0]).toMatchObject({ ruleType: 'paceLag', projectCode: null });
			expect(detail!.level).toBe('severe');
			expect(detail!.amount).toBe('3990000.00');
			expect(detail!.history.map((h) => h.kind)).toEqual(['opened']);
			expect(lag.find((f) => f.projectCode)!.rowsHref).toMatch(
				/^\/departments\/138\/projects\/138-P-/
			);
			const counts = await cases.openCaseCounts(app.database.db, 2026);
			const live = app.events.filter((e) => e.topic === 'alerts').at(-1)!;
			expect(live.payload).toMatchObject({ counts: { total: counts.total } });
		}
	);

	it.skipIf(target.unavailable)(
		'works a case: a note to acknowledge, resolving closes its findings, history kept',
		async () => {
			const [c] = (
				await cases.listCases(app.database.db, { status: 'active', cause: 'spendingBehind' })
			).rows;
			const noNote = await cases.changeCaseStatus(app.database.db, {
				id: c.id,
				to: 'acknowledged',
				actorId
			});
			expect(noNote).toMatchObject({ ok: false, status: 400 });
			const skip = await cases.changeCaseStatus(app.database.db, {
				id: c.id,
				to: 'resolved',
				actorId
			});
			expect(skip).toMatchObject({ ok: false, status: 409 });
			await cases.changeCaseStatus(
				app.database.db,
				{ id: c.id, to: 'acknowledged', note: '已与单位核实', actorId },
				runtime().live
			);
			const done = await cases.changeCaseStatus(
				app.database.db,
				{ id: c.id, to: 'resolved', note: '已整改', actorId },
				runtime().live
			);
			expect(done.ok).toBe(true);
			const detail = await cases.caseDetail(app.database.db, c.id);
			expect(detail!.history.map((h) => [h.kind, h.toStatus, h.note])).toEqual([
				['opened', 'open', null],
				['status', 'acknowledged', '已与单位核实'],
				['status', 'resolved', '已整改']
			]);
			expect(new Set(detail!.findings.map((f) => f.status))).toEqual(new Set(['resolved']));
			// The same evaluation does not open the case again.
			await evaluatePeriodic(app.database.db, NOV_30, runtime().live, { all: true });
			expect(
				(await cases.listCases(app.database.db, { status: 'active', cause: 'spendingBehind' }))
					.total
			).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		'groups the payments of a department and fiscal month, opened by a severe one, and lists them in the month of their facts',
		async () => {
			await app.ingest('payment', [
				paymentRecord({
					id: 'BIG-1',
					deptCode: '138',
					funcCode: '212',
					amount: '1500000.00',
					paidAt: '2026-10-08T10:00:00+08:00',
					agencyCode: '138001'
				}),
				paymentRecord({
					id: 'BIG-2',
					deptCode: '138',
					funcCode: '212',
					amount: '60000000.00',
					paidAt: '2026-10-20T10:00:00+08:00',
					agencyCode: '138001'
				}),
				paymentRecord({
					id: 'BIG-3',
					deptCode: '138',
					funcCode: '212',
					amount: '1200000.00',
					paidAt: '2026-11-03T10:00:00+08:00',
					agencyCode: '138001'
				})
			]);
			const { rows: found } = await cases.listCases(app.database.db, {
				status: 'active',
				cause: 'payments'
			});
			// October: the severe 6000万 opens the case, the 150万 joins it as evidence; November's
			// 120万 alone is a finding without a case (a large payment under the severe threshold).
			expect(found.map((c) => [c.period, c.level, c.amount, c.findingCount])).toEqual([
				['2026-10', 'severe', '61500000.00', 2]
			]);
			const large = await listAlerts(app.database.db, {
				ruleType: 'largePayment',
				status: 'active'
			});
			expect(large.rows.map((a) => a.level).sort()).toEqual(['notice', 'notice', 'severe']);
			const october = await cases.listCases(app.database.db, { factMonth: '2026-10' });
			expect(october.rows.map((c) => c.period)).toContain('2026-10');
			expect(october.rows.map((c) => c.period)).not.toContain('2026-11');
		}
	);

	it.skipIf(target.unavailable)(
		'groups alerts stored before cases existed, keeping their history',
		async () => {
			const db = app.database.db;
			await db.execute(sql`delete from alert_case_history`);
			await db.execute(sql`delete from alert_case_finding`);
			await db.execute(sql`delete from alert_case`);
			const made = await cases.migrateAlertsToCases(db);
			expect(made).toBeGreaterThan(0);
			// The resolved case came back closed with its notes; the active ones are open again.
			const behind = await cases.listCases(db, { cause: 'spendingBehind' });
			expect(behind.rows.map((c) => c.status)).toEqual(['resolved']);
			const detail = await cases.caseDetail(db, behind.rows[0].id);
			const notes = detail!.history.filter((h) => h.note).map((h) => h.note);
			expect(notes).toEqual(expect.arrayContaining(['已整改']));
			expect(detail!.history.map((h) => h.kind)).toContain('opened');
			const payments = await cases.listCases(db, { status: 'active', cause: 'payments' });
			expect(payments.total).toBe(1); // October's; November's 120万 alone opens none
			expect(await cases.migrateAlertsToCases(db)).toBe(0);
		}
	);

	it.skipIf(target.unavailable)(
		"closes a year's open cases into its summary on the close day, with their last status",
		async () => {
			const db = app.database.db;
			const open = await cases.listCases(db, { year: 2026, status: 'active' });
			expect(open.total).toBeGreaterThan(0);
			// The day before 31 March 2027 nothing closes.
			expect(await cases.closeDueYears(db, '2027-03-30')).toEqual([]);
			expect(await cases.saveYearCloseOn(db, '02-29', actorId)).toBe(false);
			const closed = await cases.closeDueYears(db, '2027-03-31');
			expect(closed).toHaveLength(open.total);
			expect((await cases.openCaseCounts(db, 2026)).total).toBe(0);
			expect((await cases.listCases(db, { year: 2026, status: 'active' })).total).toBe(0);
			const summary = await cases.listCases(db, { year: 2026, yearClosed: true, status: 'active' });
			expect(summary.total).toBe(open.total);
			expect(summary.rows.every((c) => c.closedByYearClose)).toBe(true);
			const detail = await cases.caseDetail(db, summary.rows[0].id);
			expect(detail!.history.at(-1)).toMatchObject({ kind: 'yearClosed', toStatus: 'open' });
			// A closed year is not synced again, and not closed twice.
			await evaluatePeriodic(db, NOV_30, runtime().live, { all: true });
			expect((await cases.listCases(db, { year: 2026, status: 'active' })).total).toBe(0);
			expect(await cases.closeDueYears(db, '2027-04-01')).toEqual([]);
		}
	);
});
