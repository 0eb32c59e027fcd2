// Audit findings made and worked in the app: staff create findings (members may not), a department
// counts its findings of the latest audit year as /audit?dept shows them, and an overdue finding is
// a case from the day after its due date that clears when staff record it rectified.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import {
	auditPage,
	departmentFindingCounts,
	findingPage
} from '../../src/lib/server/rectification/queries';
import { createFinding, updateFinding } from '../../src/lib/server/rectification/changes';
import { reevaluateOverdue } from '../../src/lib/server/rectification/alerts';
import { evaluatePeriodic, YEAR_RULES } from '../../src/lib/server/alerts/index';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

/** The day before a fiscal date (YYYY-MM-DD). */
function dayBefore(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

describe.each(databaseTargets)(
	'staff findings, a department’s findings and overdue cases on $name',
	(target) => {
		const app = useTestApp(target);
		const staff = { id: 1, username: 'staff1', role: 'staff' as const };
		const today = fiscalToday('Asia/Shanghai');
		const alerts = (subject: string) =>
			rows<{ level: string; status: string; dept_code: string | null }>(
				app.database.db,
				sql`select level, status, dept_code from alert where rule_type = 'auditOverdue' and subject_key = ${subject} order by id`
			);

		it.skipIf(target.unavailable)(
			'staff create a finding with its first history entry; members may not; bad input is named',
			async () => {
				await app.ingest('unit', [
					{ code: '122', name: '市教育局' },
					{ code: '122001', name: '市第一中学', parentCode: '122' },
					{ code: '140', name: '市交通运输局' }
				]);
				const input = {
					year: '2025',
					unitCode: '122001',
					unitName: '市第一中学',
					category: '政府采购不规范',
					description: '未按合同约定验收即支付尾款',
					amount: '86000.50',
					type: 'staged',
					dueDate: '2027-06-30'
				};
				expect(
					await createFinding(app.database.db, undefined, { ...staff, role: 'member' }, input)
				).toMatchObject({ ok: false, status: 403 });
				expect(
					await createFinding(app.database.db, undefined, staff, { ...input, amount: '约8万' })
				).toMatchObject({ ok: false, status: 400, problem: expect.stringMatching(/amount/) });
				expect(
					await createFinding(app.database.db, undefined, staff, { ...input, type: '马上改' })
				).toMatchObject({ ok: false, status: 400, problem: expect.stringMatching(/type/) });
				const made = await createFinding(app.database.db, undefined, staff, input);
				expect(made).toMatchObject({ ok: true });
				const detail = (await findingPage((made as { id: string }).id, 'staff'))!;
				expect(detail.finding).toMatchObject({
					year: 2025,
					unitCode: '122001',
					type: 'staged',
					status: 'open',
					amount: '86000.50',
					amountRectified: '0.00',
					dueDate: '2027-06-30'
				});
				expect(detail.history.map((h) => [h.actor, h.field])).toEqual([['staff1', 'created']]);
			}
		);

		it.skipIf(target.unavailable)(
			'a department counts its own and its units’ findings of the latest audit year, as /audit?dept shows them',
			async () => {
				const ack = await app.ingest('audit', [
					// An older audit year: not in the counts of the latest.
					{
						id: 'OLD-1',
						year: 2024,
						unitCode: '122',
						category: '预算执行不严格',
						description: '无预算支出',
						type: 'immediate',
						dueDate: '2025-09-30',
						status: 'open'
					},
					{
						id: 'DEPT-1',
						year: 2025,
						unitCode: '122',
						category: '预算执行不严格',
						description: '以拨代支',
						amount: '100.00',
						type: 'immediate',
						dueDate: '2026-09-30',
						status: 'done',
						amountRectified: '100.00'
					},
					{
						id: 'OTHER-1',
						year: 2025,
						unitCode: '140',
						category: '预算执行不严格',
						description: '以拨代支',
						type: 'immediate',
						dueDate: '2026-09-30',
						status: 'partial'
					}
				]);
				expect(ack).toMatchObject({ accepted: 3, rejected: [] });
				// 2025: DEPT-1 (done) and the staff-made finding of its unit 122001 (open).
				expect(await departmentFindingCounts(app.database.db, '122')).toEqual({
					year: 2025,
					findings: 2,
					unrectified: 1
				});
				expect(await departmentFindingCounts(app.database.db, '999')).toEqual({
					year: 2025,
					findings: 0,
					unrectified: 0
				});
				const page = await auditPage(2025, 'staff', '122');
				expect(page.headline).toMatchObject({ findings: 2, rectified: 1, amount: '86100.50' });
				expect(page.findings.map((f) => f.unitCode).sort()).toEqual(['122', '122001']);
				expect((await auditPage(null, 'staff')).year).toBe(2025);
			}
		);

		it.skipIf(target.unavailable)(
			'judging last year’s data as of its end (the demo’s comparison year) leaves today’s overdue cases alone',
			async () => {
				expect(
					await app.ingest('audit', [
						{
							id: 'STILL-LATE',
							year: 2025,
							unitCode: '140',
							category: '预算执行不严格',
							description: '以拨代支',
							amount: '3000000.00',
							type: 'immediate',
							dueDate: dayBefore(today),
							status: 'open'
						}
					])
				).toMatchObject({ accepted: 1, rejected: [] });
				expect(await alerts('STILL-LATE')).toEqual([
					{ level: 'warning', status: 'open', dept_code: '140' }
				]);
				const lastYear = Number(today.slice(0, 4)) - 1;
				await evaluatePeriodic(
					app.database.db,
					new Date(`${lastYear}-12-31T23:59:59+08:00`),
					undefined,
					{ all: true, rules: YEAR_RULES }
				);
				// Not cleared as "not yet due on 31 December", nor opened again for the closed year.
				expect(await alerts('STILL-LATE')).toEqual([
					{ level: 'warning', status: 'open', dept_code: '140' }
				]);
			}
		);

		it.skipIf(target.unavailable)(
			'a finding due yesterday is a case on arrival; rectified by staff, the case clears in the same change',
			async () => {
				const ack = await app.ingest('audit', [
					{
						id: 'LATE-1',
						year: 2025,
						unitCode: '122',
						category: '专项资金管理使用不规范',
						description: '专项资金闲置超过一年未使用',
						amount: '2000000.00',
						type: 'immediate',
						dueDate: dayBefore(today),
						status: 'partial',
						amountRectified: '500000.00'
					},
					{
						id: 'DUE-TODAY',
						year: 2025,
						unitCode: '140',
						category: '专项资金管理使用不规范',
						description: '专项资金未按规定用途使用',
						amount: '50000000.00',
						type: 'immediate',
						dueDate: today,
						status: 'open'
					}
				]);
				expect(ack).toMatchObject({ accepted: 2, rejected: [] });
				// 200万元 on its first day late: a warning (≥ 100万元), in its department.
				expect(await alerts('LATE-1')).toEqual([
					{ level: 'warning', status: 'open', dept_code: '122' }
				]);
				// Due today is not late yet, whatever the amount.
				expect(await alerts('DUE-TODAY')).toEqual([]);
				const done = await updateFinding(
					app.database.db,
					undefined,
					staff,
					'LATE-1',
					{ status: 'done', amountRectified: '2000000.00' },
					reevaluateOverdue
				);
				expect(done).toEqual({ ok: true, changed: 2 });
				const after = await alerts('LATE-1');
				expect(after).toHaveLength(1);
				expect(after[0].status).not.toMatch(/^(open|acknowledged)$/);
			}
		);
	}
);
