import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

describe.each(databaseTargets)('revenue, asset and unit ingest on $name', (target) => {
	const app = useTestApp(target);

	it.skipIf(target.unavailable)('rolls revenue up by fiscal day and subject, exactly', async () => {
		const ack = await app.ingest('revenue', [
			{
				id: 'R1',
				collectedAt: '2026-03-15T16:30:00+08:00',
				subjectCode: '10101',
				amount: '1000000.10'
			},
			{ id: 'R2', collectedAt: '2026-03-15T17:00:00+08:00', subjectCode: '10101', amount: '0.20' },
			{ id: 'R3', collectedAt: '2026-03-15T17:00:00+08:00', subjectCode: '101A1', amount: '5' }
		]);
		expect(ack.accepted).toBe(2);
		expect(ack.rejected[0]).toMatchObject({
			index: 2,
			id: 'R3',
			reason: expect.stringMatching(/^subjectCode: /)
		});
		const [day] = await rows<{ amount: string; record_count: number }>(
			app.database.db,
			sql`select amount::text, record_count from revenue_daily where fiscal_date = '2026-03-15' and subject_code = '10101'`
		);
		expect(day).toEqual({ amount: '1000000.30', record_count: 2 });
	});

	it.skipIf(target.unavailable)('keeps state-asset figures as exact decimal strings', async () => {
		const ack = await app.ingest('asset', [
			{
				id: 'A-2025-CTJT',
				period: '2025',
				category: 'enterprise',
				entityCode: 'CTJT',
				entityName: '市城市建设投资集团有限公司',
				figures: {
					totalAssets: '52340000000.00',
					totalLiabilities: '33120000000.00',
					equity: '19220000000.00'
				}
			},
			{
				id: 'A-bad',
				period: '2025-13',
				category: 'enterprise',
				entityCode: 'X',
				entityName: 'X',
				figures: { a: '1' }
			}
		]);
		expect(ack.accepted).toBe(1);
		expect(ack.rejected[0].reason).toBe('period: must be YYYY or YYYY-MM');
		const [report] = await rows<{ figures: Record<string, string> }>(
			app.database.db,
			sql`select figures from asset_report where id = 'A-2025-CTJT'`
		);
		expect(report.figures.totalAssets).toBe('52340000000.00');
	});

	it.skipIf(target.unavailable)(
		'updates a unit name and counts an unchanged unit as a duplicate',
		async () => {
			await app.ingest('unit', [{ code: '101', name: '市人大常委会办公厅' }]);
			const renamed = await app.ingest('unit', [{ code: '101', name: '市人大常委会办公室' }]);
			expect(renamed.accepted).toBe(1);
			const same = await app.ingest('unit', [{ code: '101', name: '市人大常委会办公室' }]);
			expect(same).toMatchObject({ accepted: 0, duplicates: 1 });
		}
	);
});
