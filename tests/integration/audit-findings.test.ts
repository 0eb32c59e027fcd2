// Audit findings lists as audit bureaus publish them, through the worker's file pipeline into the
// server's store: a row-level report, exact figures, and nothing stored twice when sent again.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { auditListWorkbook, type ListRow } from '../../src/lib/demo/audit-sheet';
import type { IngestRequest } from '../../src/lib/domain/records';
import { auditPage, findingPage } from '../../src/lib/server/rectification/queries';
import { updateFinding } from '../../src/lib/server/rectification/changes';
import { processFile } from '../../server/ingest/process-file';
import type { Sender } from '../../server/ingest/sender';
import { useTestApp, type TestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

const TITLE = '安澜市2025年度市级预算执行和其他财政收支审计查出问题整改清单';

const LIST: ListRow[] = [
	{
		seq: 1,
		unitName: '市教育局',
		category: '专项资金管理使用不规范',
		description: '专项资金闲置超过一年未使用',
		amount: '1234567.89',
		type: 'immediate',
		dueDate: '2026-09-30',
		status: 'done',
		amountRectified: '1234567.89',
		measures: '已收回闲置资金统筹使用'
	},
	{
		seq: 2,
		unitName: '市卫生健康委员会',
		category: '政府采购不规范',
		description: '化整为零规避公开招标',
		amount: '0.10',
		type: 'staged',
		dueDate: '2026-11-30',
		status: 'partial',
		amountRectified: '0.05'
	},
	{
		seq: 3,
		unitName: '市不存在局',
		category: '内部控制制度不健全',
		description: '未建立合同管理台账',
		type: 'ongoing',
		dueDate: '2027-12-31',
		status: 'open'
	},
	{
		seq: 4,
		unitName: '市交通运输局',
		category: '预算执行不严格',
		description: '无预算支出',
		amount: '约50万', // the bad row: no amount a machine can add up
		type: 'staged',
		dueDate: '2026-11-30',
		status: 'open'
	},
	{
		seq: 5,
		unitName: '市交通运输局',
		category: '预算执行不严格',
		description: '以拨代支',
		amount: '30000000',
		type: 'immediate',
		dueDate: '2026-09-30',
		status: 'partial',
		amountRectified: '12000000.2'
	}
];

/** A sender that hands each batch straight to the test app's ingest (the socket's other end). */
function directSender(app: TestApp): Sender {
	return {
		send: (request: IngestRequest) => app.ingest(request.kind, request.records, request.batchId),
		close() {}
	} as unknown as Sender;
}

async function dropList(): Promise<{ dir: string; name: string }> {
	const dir = mkdtempSync(join(tmpdir(), 'qiandai-audit-'));
	const name = '2025年度审计整改清单.xlsx';
	await auditListWorkbook(TITLE, LIST).xlsx.writeFile(join(dir, name));
	return { dir, name };
}

describe.each(databaseTargets)('published audit findings lists on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)(
		'imports merged headers, 万元 amounts and a totals row with a row-level report',
		async () => {
			await app.ingest('unit', [
				{ code: '122', name: '市教育局' },
				{ code: '131', name: '市卫生健康委员会' },
				{ code: '140', name: '市交通运输局' }
			]);
			const { dir, name } = await dropList();
			const outcome = await processFile(dir, name, directSender(app), {
				url: 'direct',
				key: 'k',
				log: () => {}
			});
			// Rows 4–8 are the findings (title row 1, header rows 2–3); row 9, the totals row, is not one.
			expect(outcome).toMatchObject({ status: 'failed', records: 5, accepted: 4, rejected: 1 });
			const report = readFileSync(outcome.report!, 'utf8');
			expect(report).toMatch(/row 7\b.*amount: must be a decimal amount in 元/);
			expect(report).not.toMatch(/row 9\b/);

			const page = await auditPage(2025, 'staff');
			expect(page.headline).toMatchObject({
				findings: 4,
				rectified: 1,
				inProgress: 2,
				open: 1,
				// 1,234,567.89 + 0.10 + 30,000,000 from 万元 cells, to the 分
				amount: '31234567.99',
				amountRectified: '13234568.14',
				rate: '0.2500'
			});
			const byCode = Object.fromEntries(page.findings.map((f) => [f.unitName, f.unitCode]));
			expect(byCode).toMatchObject({ 市教育局: '122', 市交通运输局: '140', 市不存在局: null });
			const first = page.findings.find((f) => f.unitName === '市教育局')!;
			expect(first).toMatchObject({ type: 'immediate', dueDate: '2026-09-30', status: 'done' });
			expect(first.report).toBe(TITLE);
		}
	);

	it.skipIf(target.unavailable)(
		'stores nothing twice when the same list is sent again',
		async () => {
			const count = async () =>
				(
					await rows<{ n: number; h: number }>(
						app.database.db,
						sql`select (select count(*) from audit_finding)::int as n, (select count(*) from audit_finding_history)::int as h`
					)
				)[0];
			const before = await count();
			const { dir, name } = await dropList();
			const outcome = await processFile(dir, name, directSender(app), {
				url: 'direct',
				key: 'k',
				log: () => {}
			});
			// The same file is the same batches: the server answers them as before and stores nothing.
			expect(outcome).toMatchObject({ records: 5, rejected: 1 });
			expect(await count()).toEqual(before);
			// The list published again with one more finding: the four already stored are duplicates.
			const more = [
				...LIST,
				{ ...LIST[0], seq: 6, unitName: '市交通运输局', amount: '500', amountRectified: '500' }
			];
			await auditListWorkbook(TITLE, more).xlsx.writeFile(join(dir, 'again.xlsx'));
			const again = await processFile(dir, 'again.xlsx', directSender(app), {
				url: 'direct',
				key: 'k',
				log: () => {}
			});
			expect(again).toMatchObject({ accepted: 1, duplicates: 4, rejected: 1 });
			expect((await count()).n).toBe(before.n + 1);
			expect(existsSync(join(dir, 'failed'))).toBe(true);
			expect(readdirSync(join(dir, 'failed')).some((f) => f.endsWith('.report.txt'))).toBe(true);
		}
	);

	it.skipIf(target.unavailable)(
		'keeps a staff change with who and when, and a re-sent list still changes nothing',
		async () => {
			const page = await auditPage(2025, 'staff');
			const f = page.findings.find((x) => x.unitName === '市卫生健康委员会')!;
			const actor = { id: 1, username: 'staff1', role: 'staff' as const };
			const done = await updateFinding(app.database.db, undefined, actor, f.id, {
				status: 'done',
				amountRectified: '0.10'
			});
			expect(done).toEqual({ ok: true, changed: 2 });
			const refused = await updateFinding(app.database.db, undefined, actor, f.id, {
				status: 'open'
			});
			expect(refused).toMatchObject({ ok: false, status: 409, field: 'status' });
			const member = await updateFinding(
				app.database.db,
				undefined,
				{ ...actor, role: 'member' },
				f.id,
				{ measures: 'x' }
			);
			expect(member).toMatchObject({ ok: false, status: 403 });
			const detail = (await findingPage(f.id, 'staff'))!;
			expect(detail.finding).toMatchObject({ status: 'done', amountRectified: '0.10' });
			expect(detail.finding.rectifiedAt).not.toBeNull();
			expect(
				detail.history.slice(0, 2).map((h) => [h.actor, h.field, h.oldValue, h.newValue])
			).toEqual(
				expect.arrayContaining([
					['staff1', 'status', 'partial', 'done'],
					['staff1', 'amountRectified', '0.05', '0.10']
				])
			);
			// A re-sent list does not undo staff's work: its records are duplicates of what arrived.
			const dir = mkdtempSync(join(tmpdir(), 'qiandai-audit-'));
			await auditListWorkbook(TITLE, LIST.slice(0, 3)).xlsx.writeFile(join(dir, 'part.xlsx'));
			const again = await processFile(dir, 'part.xlsx', directSender(app), {
				url: 'direct',
				key: 'k',
				log: () => {}
			});
			expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
			expect((await findingPage(f.id, 'staff'))!.finding.status).toBe('done');
		}
	);
});
