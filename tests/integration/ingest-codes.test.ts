import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { yearTable, unlistedCodes } from '../../src/lib/server/classification/table';
import { seedReferenceCodes } from '../../src/lib/server/seed/index';
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

	it.skipIf(target.unavailable)(
		'gives a database stored before the table had English its English names on the next start, leaving a city’s own entries as loaded',
		async () => {
			const db = app.database.db;
			const namesOf = async (scheme: string, code: string) =>
				(
					await rows<{ name: string; name_en: string | null }>(
						db,
						sql`select name, name_en from classification_code where scheme = ${scheme} and code = ${code}`
					)
				)[0];
			// The shipped table as it was: English for the 类 only, and two 类 that read differently then.
			await db.execute(sql`update classification_entry set name_en = null
				where source = 'reference' and length(code) > 3`);
			await db.execute(sql`update classification_code set name_en = null where length(code) > 3`);
			for (const [scheme, code, old] of [
				['economic', '303', 'Transfers to individuals and households'],
				['govEconomic', '514', 'Reserve funds']
			]) {
				await db.execute(sql`update classification_entry set name_en = ${old}
					where scheme = ${scheme} and code = ${code}`);
				await db.execute(sql`update classification_code set name_en = ${old}
					where scheme = ${scheme} and code = ${code}`);
			}
			// The city's own table: a rename without English, one with its own English, and one entry
			// for the baseline year itself.
			await app.ingest('code', [
				{ scheme: 'function', code: '2050201', name: '学前教育（含托育）', year: 2026 },
				{
					scheme: 'function',
					code: '2050202',
					name: '小学教育',
					nameEn: 'Primary schooling',
					year: 2026
				},
				{ scheme: 'economic', code: '30201', name: '办公费（本市）', year: 2000 }
			]);
			expect(await namesOf('function', '2010101')).toEqual({
				name: '行政运行',
				name_en: null
			});
			const loaded = sql`select scheme, code, year, name, name_en, source, batch_id, loaded_at
				from classification_entry where source = 'loaded' order by scheme, code, year`;
			const before = await rows(db, loaded);
			expect(before.length).toBeGreaterThanOrEqual(3);

			await seedReferenceCodes(app.database);

			const missing = await rows<{ code: string }>(
				db,
				sql`select code from classification_entry where source = 'reference' and name_en is null`
			);
			expect(missing).toEqual([]);
			expect(await namesOf('function', '2010101')).toEqual({
				name: '行政运行',
				name_en: 'Administrative operation'
			});
			expect((await namesOf('economic', '303')).name_en).toBe(
				'Subsidies to individuals and households'
			);
			expect((await namesOf('govEconomic', '514')).name_en).toBe('Reserve fund and set-asides');
			// The city's entries are as it loaded them, and their names stay in effect.
			expect(await rows(db, loaded)).toEqual(before);
			expect(await namesOf('function', '2050202')).toEqual({
				name: '小学教育',
				name_en: 'Primary schooling'
			});
			// A rename without English reads in English by the code's latest English name.
			expect(await namesOf('function', '2050201')).toEqual({
				name: '学前教育（含托育）',
				name_en: 'Preschool education'
			});
			expect(await namesOf('economic', '30201')).toEqual({
				name: '办公费（本市）',
				name_en: null
			});
			// Starting again changes nothing.
			await seedReferenceCodes(app.database);
			expect(await rows(db, loaded)).toEqual(before);
		}
	);
});
