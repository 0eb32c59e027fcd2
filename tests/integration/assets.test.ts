import { beforeAll, describe, expect, it } from 'vitest';
import * as assets from '../../src/lib/server/assets';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

type Figures = Record<string, string>;
const report = (
	id: string,
	period: string,
	category: string,
	entityCode: string,
	figures: Figures,
	unitType?: 'admin' | 'institution'
) => ({
	id,
	period,
	category,
	entityCode,
	entityName: `${entityCode} 名称`,
	...(unitType ? { unitType } : {}),
	figures
});

describe.each(databaseTargets)('state-assets page on $name', (target) => {
	const app = useTestApp(target);

	beforeAll(async () => {
		if (target.unavailable) return;
		const ack = await app.ingest('asset', [
			// Leverage 90.0% (severe) and preservation 99% (warning): two open alerts.
			report('E1-2025', '2025', 'enterprise', 'E1', {
				totalAssets: '1000000.10',
				totalLiabilities: '900000.05',
				openingEquity: '100000.00',
				equity: '99000.00',
				operatingRevenue: '123.45',
				totalProfit: '-10.01',
				capitalIncome: '0.5'
			}),
			report('E2-2025', '2025', 'enterprise', 'E2', {
				totalAssets: '500.55',
				totalLiabilities: '100.20',
				equity: '400.35',
				preservationRate: '101.5',
				operatingRevenue: '0.55',
				totalProfit: '20.02'
			}),
			report('E2-2025-06', '2025-06', 'enterprise', 'E2', {
				totalAssets: '1.00',
				totalLiabilities: '0.99'
			}),
			report('E1-2024', '2024', 'enterprise', 'E1', {
				totalAssets: '10.00',
				totalLiabilities: '9.50',
				openingEquity: '1',
				equity: '0.5'
			}),
			report('F1-2025', '2025', 'financial', 'F1', {
				totalAssets: '300.00',
				totalLiabilities: '270.00',
				equity: '30.00'
			}),
			report(
				'A1-2025',
				'2025',
				'administrative',
				'A1',
				{ totalAssets: '80.00', totalLiabilities: '10.00', netAssets: '70.00' },
				'admin'
			),
			report(
				'A2-2025',
				'2025',
				'administrative',
				'A2',
				{ totalAssets: '20.01', totalLiabilities: '0.01', netAssets: '20.00' },
				'institution'
			),
			report('N1-2025', '2025', 'natural', 'N1', {
				landArea: '1234.5',
				unit: '公顷',
				water: '88.25',
				waterUnit: '亿立方米'
			}),
			report('N2-2025', '2025', 'natural', 'N2', { landArea: '100.25', unit: '公顷' })
		]);
		expect(ack.rejected).toEqual([]);
	});

	it.skipIf(target.unavailable)(
		'defaults to the latest year, its annual report before its months',
		async () => {
			const page = await assets.assetsPage({ year: null, period: null });
			expect(page.periods).toEqual(['2025', '2025-06', '2024']);
			expect(page.period).toBe('2025');
			expect(page.year).toBe(2025);
			expect(page.feed.lastReceivedAt).not.toBeNull();
		}
	);

	it.skipIf(target.unavailable)(
		'sums each category exactly, with its leverage as the rule computes it',
		async () => {
			const page = await assets.assetsPage({ year: 2025, period: null });
			const by = Object.fromEntries(page.categories.map((c) => [c.category, c]));
			expect(by.enterprise).toMatchObject({
				category: 'enterprise',
				count: 2,
				totalAssets: '1000500.65',
				totalLiabilities: '900100.25',
				equity: '99400.35',
				leverage: '0.89964984' // 900100.25 / 1000500.65 = 0.8996498403…
			});
			expect(by.financial).toMatchObject({
				count: 1,
				totalAssets: '300.00',
				totalLiabilities: '270.00',
				equity: '30.00',
				leverage: '0.90000000'
			});
			// 净资产 counts as the equity of administrative units; 10.01 / 100.01 = 0.100089991…
			expect(by.administrative).toMatchObject({
				count: 2,
				totalAssets: '100.01',
				totalLiabilities: '10.01',
				equity: '90.00',
				leverage: '0.10008999'
			});
			expect(by.natural).toMatchObject({ count: 2, leverage: null });
			expect(page.natural).toEqual([
				{ key: 'landArea', unit: '公顷', total: '1334.75', count: 2 },
				{ key: 'water', unit: '亿立方米', total: '88.25', count: 1 }
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'gives enterprises revenue, profit, capital income and preservation; 行政单位 and 事业单位 apart; the years side by side',
		async () => {
			const page = await assets.assetsPage({ year: 2025, period: null });
			const by = Object.fromEntries(page.categories.map((c) => [c.category, c]));
			expect(by.enterprise).toMatchObject({
				operatingRevenue: '124.00',
				totalProfit: '10.01',
				capitalIncome: '0.5',
				// only E1 gives both equities: 99000 / 100000
				preservation: '0.99000000'
			});
			expect(by.administrative.byUnitType).toEqual(
				expect.arrayContaining([
					{
						unitType: 'admin',
						count: 1,
						totalAssets: '80.00',
						totalLiabilities: '10.00',
						equity: '70.00'
					},
					{
						unitType: 'institution',
						count: 1,
						totalAssets: '20.01',
						totalLiabilities: '0.01',
						equity: '20.00'
					}
				])
			);
			expect(page.years.map((y) => y.period)).toEqual(['2024', '2025']);
			const e2024 = page.years[0].categories.find((c) => c.category === 'enterprise')!;
			expect(e2024).toMatchObject({ count: 1, totalAssets: '10.00', preservation: '0.50000000' });
			expect(page.years[1].natural).toEqual(page.natural);
		}
	);

	it.skipIf(target.unavailable)(
		'lists entities with their rates and their open alerts of the period',
		async () => {
			const page = await assets.assetsPage({ year: 2025, period: null });
			const e1 = page.entities.find((e) => e.entityCode === 'E1')!;
			expect(e1).toMatchObject({
				totalAssets: '1000000.10',
				totalLiabilities: '900000.05',
				equity: '99000.00',
				leverage: '0.89999996',
				preservation: '0.99000000',
				level: 'severe'
			});
			expect(e1.alerts.map((a) => [a.ruleType, a.level]).sort()).toEqual([
				['capitalPreservation', 'warning'],
				['soeLeverage', 'severe']
			]);
			const e2 = page.entities.find((e) => e.entityCode === 'E2')!;
			expect(e2).toMatchObject({
				leverage: '0.20017980',
				preservation: '1.01500000',
				level: null,
				alerts: []
			});
			expect(page.entities.find((e) => e.entityCode === 'A1')).toMatchObject({
				equity: '70.00',
				leverage: '0.12500000',
				preservation: null
			});
			expect(page.entities.find((e) => e.entityCode === 'N1')!.quantities).toEqual([
				{ key: 'landArea', value: '1234.5', unit: '公顷' },
				{ key: 'water', value: '88.25', unit: '亿立方米' }
			]);
		}
	);

	it.skipIf(target.unavailable)(
		'shows another period of the year, or an earlier year with its own alerts',
		async () => {
			const june = await assets.assetsPage({ year: 2025, period: '2025-06' });
			expect(june.entities.map((e) => e.entityCode)).toEqual(['E2']);
			expect(june.categories.find((c) => c.category === 'enterprise')).toMatchObject({
				count: 1,
				totalAssets: '1.00',
				leverage: '0.99000000'
			});
			const last = await assets.assetsPage({ year: 2024, period: null });
			expect(last.period).toBe('2024');
			expect(last.entities[0]).toMatchObject({
				entityCode: 'E1',
				leverage: '0.95000000',
				preservation: '0.50000000',
				level: 'severe'
			});
			const none = await assets.assetsPage({ year: 2023, period: null });
			expect(none).toMatchObject({ period: null, categories: [], entities: [] });
		}
	);
});
