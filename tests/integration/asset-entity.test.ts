import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import * as assets from '../../src/lib/server/assets';
import { assetEntityPage } from '../../src/lib/server/asset-entity';
import * as cases from '../../src/lib/server/cases/index';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

type Figures = Record<string, string>;
const report = (
	id: string,
	period: string,
	category: string,
	entityCode: string,
	figures: Figures,
	entityName = `${entityCode} 名称`
) => ({ id, period, category, entityCode, entityName, figures });

describe.each(databaseTargets)('an asset-report entity page on $name', (target) => {
	const app = useTestApp(target);

	beforeAll(async () => {
		if (target.unavailable) return;
		const ack = await app.ingest('asset', [
			// E1: over-leveraged and losing capital in both years (two cases a year).
			report('E1-2024', '2024', 'enterprise', 'E1', {
				totalAssets: '800000.00',
				totalLiabilities: '760000.00',
				openingEquity: '50000.00',
				equity: '40000.00',
				operatingRevenue: '100.00',
				totalProfit: '-5.00'
			}),
			report(
				'E1-2025',
				'2025',
				'enterprise',
				'E1',
				{
					totalAssets: '1000000.10',
					totalLiabilities: '900000.05',
					openingEquity: '100000.00',
					equity: '99000.00',
					operatingRevenue: '123.45',
					totalProfit: '-10.01',
					capitalIncome: '0.5',
					// A text figure (a person's name, say) is never shown.
					contact: '张三'
				},
				'E1 新名称'
			),
			report('E1-2025-06', '2025-06', 'enterprise', 'E1', {
				totalAssets: '950000.00',
				totalLiabilities: '850000.00'
			}),
			// E2: sound, no case.
			report('E2-2025', '2025', 'enterprise', 'E2', {
				totalAssets: '500.55',
				totalLiabilities: '100.20',
				equity: '400.35',
				preservationRate: '101.5'
			}),
			report('N1-2024', '2024', 'natural', 'N1', { landArea: '1200', unit: '公顷' }),
			report('N1-2025', '2025', 'natural', 'N1', {
				landArea: '1234.5',
				unit: '公顷',
				water: '88.25',
				waterUnit: '亿立方米'
			})
		]);
		expect(ack.rejected).toEqual([]);
	});

	it.skipIf(target.unavailable)(
		"gives every period's figures as stored, oldest first, with the rates",
		async () => {
			const page = (await assetEntityPage('E1'))!;
			expect(page).toMatchObject({ code: 'E1', name: 'E1 新名称', category: 'enterprise' });
			const stored = await rows<Record<string, string | null>>(
				app.database.db,
				sql`select period, figures->>'totalAssets' as "totalAssets",
						figures->>'totalLiabilities' as "totalLiabilities",
						coalesce(figures->>'equity', figures->>'netAssets') as equity,
						figures->>'operatingRevenue' as "operatingRevenue",
						figures->>'totalProfit' as "totalProfit",
						figures->>'capitalIncome' as "capitalIncome"
					from asset_report where entity_code = 'E1'`
			);
			expect(page.history.map((h) => h.period)).toEqual(['2024', '2025-06', '2025']);
			for (const h of page.history) {
				const s = stored.find((r) => r.period === h.period)!;
				expect(h).toMatchObject(s);
			}
			// 760000 / 800000 = 0.95; 850000 / 950000 = 0.894736842…; 900000.05 / 1000000.10 = 0.8999999600…
			expect(page.history.map((h) => h.leverage)).toEqual([
				'0.95000000',
				'0.89473684',
				'0.89999996'
			]);
			// 40000 / 50000; the June report gives no equities; 99000 / 100000.
			expect(page.history.map((h) => h.preservation)).toEqual(['0.80000000', null, '0.99000000']);
			expect(JSON.stringify(page)).not.toContain('张三');
			expect(page.feed.lastReceivedAt).not.toBeNull();
		}
	);

	it.skipIf(target.unavailable)(
		'lists the cases about the entity, each opening as a case with its finding on the entity',
		async () => {
			const page = (await assetEntityPage('E1'))!;
			const stored = await rows<{ id: number }>(
				app.database.db,
				sql`select id::int as id from alert_case
					where subject = 'E1' and cause in ('soeLeverage', 'capitalPreservation')`
			);
			expect(page.cases.map((c) => c.id).sort()).toEqual(stored.map((r) => Number(r.id)).sort());
			expect(page.cases.map((c) => `${c.cause} ${c.period} ${c.level}`).sort()).toEqual([
				// Preservation below 100% is a warning; leverage from 85% severe (the default rules).
				'capitalPreservation 2024 warning',
				'capitalPreservation 2025 warning',
				'soeLeverage 2024 severe',
				'soeLeverage 2025 severe',
				'soeLeverage 2025-06 severe'
			]);
			for (const c of page.cases) {
				const detail = (await cases.caseDetail(app.database.db, c.id))!;
				expect(detail.findings.map((f) => f.subjectKey)).toEqual(['E1']);
				expect(detail.status).toBe(c.status);
			}
			expect((await assetEntityPage('E2'))!.cases).toEqual([]);
		}
	);

	it.skipIf(target.unavailable)(
		'gives a natural-resource holder its quantities per period, and nothing for an unknown code',
		async () => {
			const page = (await assetEntityPage('N1'))!;
			expect(page.category).toBe('natural');
			expect(page.history.map((h) => [h.period, h.quantities])).toEqual([
				['2024', [{ key: 'landArea', value: '1200', unit: '公顷' }]],
				[
					'2025',
					[
						{ key: 'landArea', value: '1234.5', unit: '公顷' },
						{ key: 'water', value: '88.25', unit: '亿立方米' }
					]
				]
			]);
			expect(page.history[1].leverage).toBeNull();
			expect(await assetEntityPage('NOPE')).toBeNull();
		}
	);

	it.skipIf(target.unavailable)(
		"links /assets' alert badges to the case each alert is in",
		async () => {
			const page = await assets.assetsPage({ year: 2025, period: null });
			const e1 = page.entities.find((e) => e.entityCode === 'E1')!;
			expect(e1.alerts).toHaveLength(2);
			for (const a of e1.alerts) {
				const [found] = await rows<{ case_id: number }>(
					app.database.db,
					sql`select case_id::int as case_id from alert_case_finding where alert_id = ${a.id}`
				);
				expect(a.caseId).toBe(Number(found.case_id));
			}
		}
	);
});
