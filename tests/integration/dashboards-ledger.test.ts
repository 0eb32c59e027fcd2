// The payments ledger: pages, totals, masking of personal payees, and its CSV and XLSX exports.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { parseLedgerFilter } from '../../src/lib/domain/ledger-filter';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { csvStream, xlsxStream } from '../../src/lib/server/ledger/export-files';
import * as ledger from '../../src/lib/server/ledger/queries';
import { databaseTargets } from '../support/databases';
import { text, useSmallCity, Y } from '../support/small-city';

describe.each(databaseTargets)('the payments ledger on $name', (target) => {
	const { app } = useSmallCity(target);

	it.skipIf(target.unavailable)(
		'pages the ledger on the server and totals exactly what the filter matches',
		async () => {
			const filter = (query: string) => {
				const parsed = parseLedgerFilter(new URLSearchParams(query), Y, '2026-12-31');
				if (!parsed.ok) throw new Error(parsed.errors.join());
				return parsed.filter;
			};
			const scope = { year: Y, budgetKind: 'general' as const };
			// Totals from the rollup (codes only) and from the payments (amount bounds) must agree with SQL.
			for (const query of [
				'',
				'dept=122',
				'dept=122&func=20502',
				'func=205',
				'dept=122&agency=122003',
				'dept=122&econ=302',
				'dept=122&min=0.01',
				'dept=122&agency=122003&project=-'
			]) {
				const page = await ledger.page(scope, filter(query), 'staff');
				const f = filter(query);
				const expected = await rows<{ n: number; s: string }>(
					app.database.db,
					sql`select count(*)::int as n, coalesce(sum(amount), 0)::text as s from payment where fiscal_year = ${Y}
					and (${f.dept ?? null}::text is null or dept_code = ${f.dept ?? null})
					and (${f.agency ?? null}::text is null or agency_code = ${f.agency ?? null})
					and (${f.func ?? null}::text is null or func_code like ${(f.func ?? '') + '%'})
					and (${f.econ ?? null}::text is null or econ_code like ${(f.econ ?? '') + '%'})
					and (${f.project ?? null}::text is null or project_code = ${f.project === '-' ? '' : (f.project ?? '')})
					and (${f.min ?? null}::numeric is null or amount >= ${f.min ?? null}::numeric)`
				);
				expect({ total: page.total, sum: page.sum }, query).toEqual({
					total: expected[0].n,
					sum: fenToYuan(yuanToFen(expected[0].s))
				});
			}
			const byAmount = await ledger.page(
				scope,
				filter('dept=122&sort=amount&dir=desc&size=20'),
				'staff'
			);
			expect(byAmount.rows.map((r) => r.amount)).toEqual(
				[...byAmount.rows.map((r) => r.amount)].sort((a, b) => Number(b) - Number(a))
			);
			const second = await ledger.page(scope, filter('size=20&page=2'), 'staff');
			expect(second.rows).toHaveLength(0);
		}
	);

	it.skipIf(target.unavailable)(
		'masks personal payees for members, and does not let them search for them',
		async () => {
			const scope = { year: Y, budgetKind: 'general' as const };
			const all = parseLedgerFilter(new URLSearchParams('dept=122'), Y, '2026-12-31');
			if (!all.ok) throw new Error();
			const member = await ledger.page(scope, all.filter, 'member');
			const staff = await ledger.page(scope, all.filter, 'staff');
			expect(staff.rows.find((r) => r.payeeKind === 'person')?.payee).toBe('王小明');
			expect(member.rows.find((r) => r.payeeKind === 'person')).toMatchObject({
				payee: '王**',
				payeeMasked: true
			});
			const search = parseLedgerFilter(new URLSearchParams('payee=王小明'), Y, '2026-12-31');
			if (!search.ok) throw new Error();
			expect((await ledger.page(scope, search.filter, 'staff')).total).toBe(1);
			expect((await ledger.page(scope, search.filter, 'member')).total).toBe(0);
			const csv = await text(
				csvStream({
					ids: await ledger.exportIds(scope, all.filter, 'member'),
					viewer: 'member',
					locale: 'zh',
					tz: 'Asia/Shanghai'
				})
			);
			expect(csv).toContain('王**');
			expect(csv).not.toContain('王小明');
		}
	);

	it.skipIf(target.unavailable)(
		'exports exactly the filtered rows to CSV and XLSX, amounts to the fen',
		async () => {
			const scope = { year: Y, budgetKind: 'general' as const };
			const parsed = parseLedgerFilter(
				new URLSearchParams('dept=122&sort=amount&dir=asc'),
				Y,
				'2026-12-31'
			);
			if (!parsed.ok) throw new Error();
			const expected = await rows<{ id: string; amount: string }>(
				app.database.db,
				sql`select p.id, p.amount::text as amount from payment p where p.fiscal_year = ${Y} and p.dept_code = '122' order by p.amount asc, p.id asc`
			);
			const req = {
				ids: await ledger.exportIds(scope, parsed.filter, 'staff'),
				viewer: 'staff' as const,
				locale: 'zh' as const,
				tz: 'Asia/Shanghai'
			};
			const csv = (await text(csvStream(req)))
				.replace(/^\uFEFF/, '')
				.trim()
				.split('\r\n');
			expect(csv[0].split(',').slice(0, 2)).toEqual(['支付凭证号', '支付时间']);
			const amountAt = csv[0].split(',').indexOf('金额（元）');
			expect(
				csv.slice(1).map((l) => ({ id: l.split(',')[0], amount: l.split(',')[amountAt] }))
			).toEqual(expected);

			const book = new ExcelJS.Workbook();
			await book.xlsx.load(await new Response(xlsxStream(req)).arrayBuffer());
			const sheet = book.worksheets[0];
			const got: { id: string; amount: string }[] = [];
			sheet.eachRow((row, n) => {
				if (n > 1)
					got.push({
						id: String(row.getCell(1).value),
						amount: Number(row.getCell(amountAt + 1).value).toFixed(2)
					});
			});
			expect(got).toEqual(expected);
		}
	);

	it.skipIf(target.unavailable)(
		'exports the rows of the pages in their order, chunk after chunk, and knows when too many match',
		async () => {
			const scope = { year: Y, budgetKind: 'general' as const };
			for (const query of [
				'size=20',
				'sort=amount&dir=asc&size=20',
				'dept=122&sort=payee&size=20'
			]) {
				const parsed = parseLedgerFilter(new URLSearchParams(query), Y, '2026-12-31');
				if (!parsed.ok) throw new Error(parsed.errors.join());
				const first = await ledger.page(scope, parsed.filter, 'member');
				const paged: string[] = [];
				for (let n = 1; n <= first.pages; n++) {
					const at = parseLedgerFilter(new URLSearchParams(`${query}&page=${n}`), Y, '2026-12-31');
					if (!at.ok) throw new Error(at.errors.join());
					paged.push(...(await ledger.page(scope, at.filter, 'member')).rows.map((r) => r.id));
				}
				expect(paged.length, query).toBe(first.total);
				const ids = await ledger.exportIds(scope, parsed.filter, 'member');
				expect(ids, query).toEqual(paged);
				// Chunks of 7: every row once, in order, as the member sees it.
				const exported: string[] = [];
				for await (const chunk of ledger.exportRows(ids, 'member', 7)) {
					expect(chunk.length).toBeLessThanOrEqual(7);
					exported.push(...chunk.map((r) => r.id));
				}
				expect(exported, query).toEqual(paged);
				// More than the limit: one id more than it, which the endpoint answers with 413.
				expect(await ledger.exportIds(scope, parsed.filter, 'member', 5)).toEqual(
					paged.slice(0, 6)
				);
			}
		}
	);

	it.skipIf(target.unavailable)(
		'writes enumerations in the export language (支付方式, 收款人类型), in CSV and XLSX',
		async () => {
			const scope = { year: Y, budgetKind: 'general' as const };
			const parsed = parseLedgerFilter(new URLSearchParams('month=2026-03'), Y, '2026-12-31');
			if (!parsed.ok) throw new Error(parsed.errors.join());
			expect([parsed.filter.from, parsed.filter.to]).toEqual(['2026-03-01', '2026-03-31']);
			for (const [locale, words, raw] of [
				['zh', ['直接支付', '授权支付', '单位', '个人'], ['direct', 'authorized', 'org', 'person']],
				[
					'en',
					['Direct', 'Authorised', 'organisation', 'individual'],
					['authorized', 'org', 'person']
				]
			] as const) {
				const req = {
					ids: await ledger.exportIds(scope, parsed.filter, 'staff'),
					viewer: 'staff' as const,
					locale,
					tz: 'Asia/Shanghai'
				};
				const lines = (await text(csvStream(req)))
					.replace(/^\uFEFF/, '')
					.trim()
					.split('\r\n');
				const header = lines[0].split(',');
				const cols = [
					header.indexOf(locale === 'zh' ? '支付方式' : 'Payment type'),
					header.indexOf(locale === 'zh' ? '收款人类型' : 'Payee kind')
				];
				const cells = new Set(lines.slice(1).flatMap((l) => cols.map((c) => l.split(',')[c])));
				expect(lines.length).toBeGreaterThan(1);
				for (const w of raw) expect(cells.has(w), `${locale}: ${w}`).toBe(false);
				expect([...cells].every((c) => c === '' || (words as readonly string[]).includes(c))).toBe(
					true
				);
				const book = new ExcelJS.Workbook();
				await book.xlsx.load(await new Response(xlsxStream(req)).arrayBuffer());
				const xcells = new Set<string>();
				book.worksheets[0].eachRow((row, n) => {
					if (n > 1) for (const c of cols) xcells.add(String(row.getCell(c + 1).value ?? ''));
				});
				expect([...xcells].every((c) => c === '' || (words as readonly string[]).includes(c))).toBe(
					true
				);
				expect([...xcells].some((c) => c !== '')).toBe(true);
			}
		}
	);
});
