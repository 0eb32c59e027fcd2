import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { yearTable, unlistedCodes } from '../../src/lib/server/classification/table';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

const payment = (id: string, funcCode: string, econCode: string, amount: string) => ({
	id,
	paidAt: '2026-03-16T10:00:00+08:00',
	deptCode: '101',
	funcCode,
	econCode,
	amount
});

describe.each(databaseTargets)('classification codes on $name', (target) => {
	const app = useTestApp(target);
	const nameOf = async (scheme: string, code: string) =>
		(
			await rows<{ name: string }>(
				app.database.db,
				sql`select name from classification_code where scheme = ${scheme} and code = ${code}`
			)
		)[0]?.name ?? null;

	it.skipIf(target.unavailable)(
		'knows the national catch-all codes from the shipped table',
		async () => {
			expect(await nameOf('function', '2059999')).toBe('其他教育支出');
			expect(await nameOf('economic', '30999')).toBe('其他基本建设支出');
			expect(await nameOf('economic', '31099')).toBe('其他资本性支出');
			expect(await nameOf('govEconomic', '50201')).toBe('办公经费');
			await app.ingest('payment', [payment('K1', '2059999', '31099', '1200.00')]);
			expect(await unlistedCodes(app.database.db, 2026)).toEqual([]);
		}
	);

	it.skipIf(target.unavailable)(
		'lists a code that arrived in data until the year’s table names it, then reloads open pages',
		async () => {
			await app.ingest('payment', [
				payment('K2', '2050298', '30201', '100.10'),
				payment('K3', '2050298', '30201', '0.20')
			]);
			expect(await unlistedCodes(app.database.db, 2026)).toEqual([
				{ scheme: 'function', code: '2050298', seenIn: 'payment', records: 2, amount: '100.30' }
			]);
			const before = app.events.length;
			const ack = await app.ingest('code', [
				{ scheme: 'function', code: '2050298', name: '普通教育信息化', year: 2026 },
				{ scheme: 'function', code: '20502', name: '普通教育', year: 2026 },
				{ scheme: 'function', code: '2050', name: '坏' },
				{ scheme: 'economic', code: '20502', name: '错类' }
			]);
			expect(ack.accepted).toBe(2);
			expect(ack.rejected).toEqual([
				{ index: 2, id: '2050', reason: 'code: must have 3, 5, 7 digits, got 4' },
				{ index: 3, id: '20502', reason: 'code: a economic code begins with 3, got "20502"' }
			]);
			const quarantined = await rows<{ reason: string }>(
				app.database.db,
				sql`select reason from quarantine where kind = 'code' order by record_index`
			);
			expect(quarantined.map((q) => q.reason)).toHaveLength(2);
			expect(await nameOf('function', '2050298')).toBe('普通教育信息化');
			expect(await unlistedCodes(app.database.db, 2026)).toEqual([]);
			// The year before does not have it: it was loaded for 2026.
			expect((await yearTable(app.database.db, 2025)).some((e) => e.code === '2050298')).toBe(
				false
			);
			const fresh = app.events.slice(before);
			expect(fresh.map((e) => e.topic)).toContain('plan');
			expect(fresh.find((e) => e.topic === 'plan')?.payload).toEqual({ years: [2026] });
			// The same table again changes nothing: duplicates, no event.
			const again = await app.ingest('code', [
				{ scheme: 'function', code: '2050298', name: '普通教育信息化', year: 2026 }
			]);
			expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
		}
	);

	it.skipIf(target.unavailable)(
		'keeps each year’s name: a rename from a later year leaves the earlier one',
		async () => {
			await app.ingest('code', [
				{ scheme: 'revenue', code: '10199', name: '其他税收收入（旧）', year: 2025 }
			]);
			await app.ingest('code', [
				{ scheme: 'revenue', code: '10199', name: '其他税收收入', year: 2027 }
			]);
			const name = async (year: number) =>
				(await yearTable(app.database.db, year)).find(
					(e) => e.scheme === 'revenue' && e.code === '10199'
				);
			expect(await name(2024)).toMatchObject({
				name: '其他税收收入',
				source: 'reference',
				fromYear: 2000
			});
			expect(await name(2026)).toMatchObject({
				name: '其他税收收入（旧）',
				source: 'loaded',
				fromYear: 2025
			});
			expect(await name(2027)).toMatchObject({ name: '其他税收收入', fromYear: 2027 });
			expect(await nameOf('revenue', '10199')).toBe('其他税收收入');
		}
	);
});
