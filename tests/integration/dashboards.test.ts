import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client';
import { parseLedgerFilter } from '../../src/lib/domain/ledger-filter';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import * as departments from '../../src/lib/server/departments/index';
import * as execution from '../../src/lib/server/execution';
import * as functions from '../../src/lib/server/functions';
import { rebuildExecutionRollup } from '../../src/lib/server/ingest/execution-rollup';
import * as ledger from '../../src/lib/server/ledger/queries';
import { csvStream, xlsxStream } from '../../src/lib/server/ledger/export-files';
import { monthReport } from '../../src/lib/server/month-report';
import * as revenue from '../../src/lib/server/revenue';
import { useTestApp } from '../support/app';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';

const Y = 2026;
const q = (asOf: string) => ({ year: Y, budgetKind: 'general' as const, asOf });
const sum = (values: string[]) => fenToYuan(values.reduce((s, v) => s + yuanToFen(v), 0n));

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describe.each(databaseTargets)('supervision figures on $name', (target) => {
	const app = useTestApp(target);
	const scalar = async (query: ReturnType<typeof sql>) =>
		(await rows<{ v: string }>(app.database.db, query))[0].v;

	beforeAll(async () => {
		if (target.unavailable) return;
		await app.ingest('unit', [
			unitRecord(),
			unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' }),
			unitRecord({ code: '122003', name: '市第二中学', parentCode: '122' }),
			unitRecord({ code: '138', name: '市水利和湖泊局' }),
			unitRecord({ code: '138001', name: '市水利和湖泊局（本级）', parentCode: '138' })
		]);
		await app.ingest('plan', [
			// 教育局: a class-level line, a 项 × 经济类 line, a 三公 款 line and a project line.
			planRecord({ deptCode: '122', funcCode: '205', econCode: '', amount: '1000000.00' }),
			planRecord({ deptCode: '122', funcCode: '2050202', econCode: '302', amount: '400000.00' }),
			planRecord({ deptCode: '122', funcCode: '2050202', econCode: '30217', amount: '20000.00' }),
			planRecord({
				deptCode: '122',
				funcCode: '2050999',
				econCode: '309',
				projectCode: 'P-SCHOOL',
				projectName: '校舍维修改造',
				amount: '600000.00'
			}),
			// 水利: adjusted in August, effective on the 27th.
			planRecord({
				id: 'PL-138-I',
				deptCode: '138',
				funcCode: '2130305',
				econCode: '309',
				amount: '5000000.00'
			}),
			planRecord({
				id: 'PL-138-A',
				stage: 'adjusted',
				effectiveOn: '2026-08-27',
				deptCode: '138',
				funcCode: '2130305',
				econCode: '309',
				amount: '5500000.00'
			}),
			planRecord({ year: Y - 1, deptCode: '122', funcCode: '205', amount: '900000.00' }),
			planRecord({
				side: 'revenue',
				subjectCode: '10101',
				deptCode: '',
				funcCode: '',
				amount: '3000000.00'
			}),
			planRecord({
				side: 'revenue',
				subjectCode: '10302',
				deptCode: '',
				funcCode: '',
				amount: '500000.00'
			})
		]);
		const at = (d: string) => `${d}T10:00:00+08:00`;
		await app.ingest('payment', [
			paymentRecord({
				paidAt: at('2026-03-10'),
				agencyCode: '122002',
				funcCode: '2050202',
				econCode: '30201',
				amount: '1000.10'
			}),
			paymentRecord({
				paidAt: at('2026-03-11'),
				agencyCode: '122003',
				funcCode: '2050202',
				econCode: '30217',
				amount: '2500.00'
			}),
			paymentRecord({
				paidAt: at('2026-04-02'),
				agencyCode: '122002',
				funcCode: '2050203',
				econCode: '30101',
				amount: '88000.00'
			}),
			paymentRecord({
				paidAt: at('2026-04-15'),
				agencyCode: '122003',
				funcCode: '2050999',
				econCode: '30905',
				projectCode: 'P-SCHOOL',
				amount: '150000.00',
				payee: '市第三建筑工程有限公司'
			}),
			paymentRecord({
				paidAt: at('2026-04-20'),
				agencyCode: '122003',
				funcCode: '2050202',
				econCode: '30201',
				amount: '-100.10',
				purpose: '退回多付款（更正）'
			}),
			// Not covered by any line of 教育局: 无预算支出.
			paymentRecord({
				paidAt: at('2026-05-06'),
				agencyCode: '122002',
				funcCode: '2080505',
				econCode: '30108',
				amount: '7700.00'
			}),
			paymentRecord({
				paidAt: at('2026-05-07'),
				agencyCode: '122002',
				funcCode: '205',
				econCode: '30399',
				amount: '300.00',
				payee: '王小明',
				payeeKind: 'person'
			}),
			paymentRecord({
				paidAt: at('2026-06-30'),
				deptCode: '138',
				agencyCode: '138001',
				funcCode: '2130305',
				econCode: '30905',
				amount: '1200000.00'
			}),
			paymentRecord({
				paidAt: '2026-06-30T23:30:00+08:00',
				deptCode: '138',
				agencyCode: '138001',
				funcCode: '2130305',
				econCode: '30905',
				amount: '55.55'
			}),
			paymentRecord({
				paidAt: '2026-07-01T00:10:00+08:00',
				deptCode: '138',
				agencyCode: '138001',
				funcCode: '2130305',
				econCode: '30905',
				amount: '66.66'
			}),
			paymentRecord({
				paidAt: at('2026-09-01'),
				deptCode: '138',
				agencyCode: '138001',
				funcCode: '2130305',
				econCode: '30905',
				amount: '2000000.00'
			}),
			paymentRecord({
				paidAt: at('2025-04-10'),
				funcCode: '2050202',
				econCode: '30201',
				amount: '5000.00'
			})
		]);
		await app.ingest('revenue', [
			{ id: 'R-1', collectedAt: at('2026-03-15'), subjectCode: '10101', amount: '250000.00' },
			{ id: 'R-2', collectedAt: at('2026-06-15'), subjectCode: '10101', amount: '260000.00' },
			{ id: 'R-3', collectedAt: at('2026-06-16'), subjectCode: '10302', amount: '40000.00' },
			{ id: 'R-4', collectedAt: at('2025-03-15'), subjectCode: '10101', amount: '200000.00' },
			{ id: 'R-5', collectedAt: at('2025-08-15'), subjectCode: '10101', amount: '999.00' }
		]);
	});

	it.skipIf(target.unavailable)(
		'keeps every rollup level equal to the payments it sums, by day and by month',
		async () => {
			// Months before the newest month with payments are sealed; only they have month rows at the line and unit levels.
			const sealed = await rows<{ m: string }>(
				app.database.db,
				sql`select month::text as m from rollup_sealed_month order by 1`
			);
			expect(sealed.map((r) => r.m)).toEqual([
				'2025-04-01',
				'2026-03-01',
				'2026-04-01',
				'2026-05-01',
				'2026-06-01',
				'2026-07-01'
			]);
			const levels = [
				['city', sql`''`],
				['class', sql`left(func_code, 3)`],
				['func', sql`func_code`],
				['dept', sql`dept_code`],
				['line', sql`dept_code || '|' || func_code || '|' || econ_code || '|' || project_code`],
				['unit', sql`dept_code || '|' || agency_code || '|' || project_code`],
				['deptFunc', sql`dept_code || '|' || func_code`]
			] as const;
			for (const [level, key] of levels) {
				for (const [grain, period] of [
					['d', sql`fiscal_date`],
					['m', sql`date_trunc('month', fiscal_date)::date`]
				] as const) {
					const fromPayments = await rows<{ k: string; p: string; s: string; n: number }>(
						app.database.db,
						sql`select ${key} as k, ${period}::text as p, sum(amount)::text as s, count(*)::int as n from payment
						${grain === 'm' && (level === 'line' || level === 'unit') ? sql`where date_trunc('month', fiscal_date)::date in (select month from rollup_sealed_month)` : sql``}
						group by 1, 2 order by 1, 2`
					);
					const fromRollup = await rows<{ k: string; p: string; s: string; n: number }>(
						app.database.db,
						sql`select ${level === 'class' ? sql`func_code` : key} as k, period::text as p, amount::text as s, payment_count as n from execution_rollup
						where level = ${level} and grain = ${grain} order by 1, 2`
					);
					expect(fromRollup, `${level}/${grain}`).toEqual(fromPayments);
				}
			}
		}
	);

	it.skipIf(target.unavailable)(
		'rebuilds the same rollup from the payments as ingest kept',
		async () => {
			const before = await rows(
				app.database.db,
				sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`
			);
			await rebuildExecutionRollup(app.database.db);
			expect(
				await rows(
					app.database.db,
					sql`select * from execution_rollup order by 1, 2, 3, 4, 5, 6, 7, 8, 9`
				)
			).toEqual(before);
		}
	);

	it.skipIf(target.unavailable)(
		'shows on the overview as of a date exactly what SQL sums through that day',
		async () => {
			for (const asOf of ['2026-06-30', '2026-06-29', '2026-07-01', '2026-12-31']) {
				const o = await execution.overview(q(asOf));
				const executed = await scalar(sql`select coalesce(sum(amount), 0)::text as v from payment
				where fiscal_year = ${Y} and fiscal_date <= ${asOf}::date`);
				expect(o.executed, asOf).toBe(fenToYuan(yuanToFen(executed)));
				expect(sum(o.byClass.map((c) => c.executed))).toBe(o.executed);
				expect(sum(o.departments.map((d) => d.executed))).toBe(o.executed);
				expect(sum(o.byClass.map((c) => c.plan))).toBe(o.plan);
			}
			// The late-evening payment of 30 June counts in June in Beijing time.
			const june = await execution.overview(q('2026-06-30'));
			expect(june.curve.days.find((d) => d.date === '2026-06-30')?.amount).toBe('1200055.55');
			expect(june.curve.lastYear.days).toEqual([{ date: '2025-04-10', amount: '5000.00' }]);
			expect(june.curve.lastYear.plan).toBe('900000.00');
		}
	);

	it.skipIf(target.unavailable)(
		'uses the initial plan before an adjustment takes effect and the adjusted one after',
		async () => {
			const before = await execution.overview(q('2026-08-26'));
			const after = await execution.overview(q('2026-08-27'));
			expect(yuanToFen(after.plan) - yuanToFen(before.plan)).toBe(yuanToFen('500000.00'));
			expect(before.initialPlan).toBe(after.initialPlan);
			expect(after.adjusted).toBe(true);
			expect(before.adjusted).toBe(false);
		}
	);

	it.skipIf(target.unavailable)(
		'adds up each function level exactly to the level above, with what is not broken down',
		async () => {
			const cls = await functions.functionPage(q('2026-12-31'), '205');
			expect(sum(cls.children.map((c) => c.executed))).toBe(cls.executed);
			expect(sum(cls.children.map((c) => c.plan))).toBe(cls.plan);
			// The 205 line and the 300.00 paid at 205 itself stay at 205.
			expect(cls.children.find((c) => c.code === '205')).toMatchObject({
				plan: '1000000.00',
				executed: '300.00'
			});
			const section = await functions.functionPage(q('2026-12-31'), '20502');
			expect(section.ancestors.map((a) => a.code)).toEqual(['205']);
			expect(section.coveringPlan).toBe('1000000.00');
			expect(sum(section.children.map((c) => c.executed))).toBe(section.executed);
			const item = await functions.functionPage(q('2026-12-31'), '2050202');
			expect(item.children).toEqual([]);
			expect(item.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and func_code = '2050202'`
				)
			);
			expect(sum(item.departments.map((d) => d.executed))).toBe(item.executed);
		}
	);

	it.skipIf(target.unavailable)(
		'matches a department’s spending to its most specific plan line; the rest is spending without a plan',
		async () => {
			const d = await departments.department(q('2026-12-31'), '122');
			const line = (func: string, econ: string, project = '') =>
				d.lines.find(
					(l) => l.funcCode === func && l.econCode === econ && l.projectCode === project
				)!;
			expect(line('2050202', '302').executed).toBe('900.00'); // 1000.10 − 100.10
			expect(line('2050202', '30217').executed).toBe('2500.00');
			expect(line('2050999', '309', 'P-SCHOOL').executed).toBe('150000.00');
			expect(line('205', '').executed).toBe('88300.00'); // 2050203 wages and the 205 payment
			expect(d.unplanned).toBe('7700.00');
			expect(d.unplannedSpending).toMatchObject([
				{ funcCode: '2080505', econCode: '30108', amount: '7700.00', payments: 1 }
			]);
			expect(sum([...d.lines.map((l) => l.executed), d.unplanned])).toBe(d.executed);
			expect(sum(d.units.map((u) => u.executed))).toBe(d.executed);
			expect(d.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and dept_code = '122'`
				)
			);
			expect(d.projects).toMatchObject([
				{ code: 'P-SCHOOL', name: '校舍维修改造', plan: '600000.00', executed: '150000.00' }
			]);
			// Its curve has last year's beside it: last year's plan for the department and its payments by day.
			expect(d.lastYear).toEqual({
				year: 2025,
				plan: '900000.00',
				days: [{ date: '2025-04-10', amount: '5000.00' }]
			});
			expect((await departments.department(q('2026-12-31'), '138')).lastYear).toEqual({
				year: 2025,
				plan: '0.00',
				days: []
			});

			const u = await departments.unit(q('2026-12-31'), '122', '122003');
			expect(u.executed).toBe(d.units.find((x) => x.code === '122003')!.executed);
			expect(sum(u.projects.map((p) => p.executed))).toBe(u.executed);
			expect(sum(u.months.map((m) => m.amount))).toBe(u.executed);

			const p = await departments.project(q('2026-12-31'), '122', 'P-SCHOOL');
			expect(p).toMatchObject({ plan: '600000.00', executed: '150000.00', rate: '0.2500' });
		}
	);

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
				const page = await ledger.page(scope, filter(query), true);
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
				true
			);
			expect(byAmount.rows.map((r) => r.amount)).toEqual(
				[...byAmount.rows.map((r) => r.amount)].sort((a, b) => Number(b) - Number(a))
			);
			const second = await ledger.page(scope, filter('size=20&page=2'), true);
			expect(second.rows).toHaveLength(0);
		}
	);

	it.skipIf(target.unavailable)(
		'masks personal payees for members, and does not let them search for them',
		async () => {
			const scope = { year: Y, budgetKind: 'general' as const };
			const all = parseLedgerFilter(new URLSearchParams('dept=122'), Y, '2026-12-31');
			if (!all.ok) throw new Error();
			const member = await ledger.page(scope, all.filter, false);
			const staff = await ledger.page(scope, all.filter, true);
			expect(staff.rows.find((r) => r.payeeKind === 'person')?.payee).toBe('王小明');
			expect(member.rows.find((r) => r.payeeKind === 'person')).toMatchObject({
				payee: '王**',
				payeeMasked: true
			});
			const search = parseLedgerFilter(new URLSearchParams('payee=王小明'), Y, '2026-12-31');
			if (!search.ok) throw new Error();
			expect((await ledger.page(scope, search.filter, true)).total).toBe(1);
			expect((await ledger.page(scope, search.filter, false)).total).toBe(0);
			const csv = await text(
				csvStream({
					scope,
					filter: all.filter,
					personalPayees: false,
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
				scope,
				filter: parsed.filter,
				personalPayees: true,
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
		'reports revenue by class against plan and the same period last year',
		async () => {
			const r = await revenue.revenuePage(q('2026-06-30'), '');
			expect(r.collected).toBe('550000.00');
			expect(r.lastYear).toBe('200000.00'); // 15 Aug 2025 is after 30 June
			expect(r.plan).toBe('3500000.00');
			const tax = await revenue.revenuePage(q('2026-06-30'), '101');
			expect(tax.children.map((c) => c.code)).toEqual(['10101']);
			expect(tax).toMatchObject({
				collected: '510000.00',
				lastYear: '200000.00',
				growth: '1.5500'
			});
			const behind = await revenue.collections(q('2026-06-30'), '101');
			expect(behind).toMatchObject({ total: 2, sum: '510000.00' });
			expect(behind.rows.map((r) => r.id)).toEqual(['R-2', 'R-1']);
		}
	);

	it.skipIf(target.unavailable)(
		'reports a past month with time progress by months and the month’s own spending',
		async () => {
			const r = await monthReport({
				year: Y,
				month: 6,
				budgetKind: 'general',
				today: '2026-11-28'
			});
			expect(r).toMatchObject({ asOf: '2026-06-30', complete: true, timeProgress: '0.5000' });
			expect(r.monthSpent).toBe('1200055.55');
			expect(r.executed).toBe(
				await scalar(
					sql`select sum(amount)::text as v from payment where fiscal_year = ${Y} and fiscal_date <= '2026-06-30'`
				)
			);
			// Alerts are reported in the month they were raised: those raised today are not June's.
			expect(r.alerts).toMatchObject({ total: 0, rows: [] });
			const raisedNow = await scalar(sql`select count(*)::text as v from alert`);
			const thisMonth = Number(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(
					new Date()
				)
			);
			const thisYear = Number(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
					new Date()
				)
			);
			if (thisYear === Y) {
				const now = await monthReport({
					year: Y,
					month: thisMonth,
					budgetKind: 'general',
					today: '2026-11-28'
				});
				expect(String(now.alerts.total)).toBe(raisedNow);
				expect(
					now.alerts.byLevel.reduce(
						(s, l) => s + l.open + l.acknowledged + l.resolved + l.dismissed + l.cleared,
						0
					)
				).toBe(now.alerts.total);
			}
		}
	);
});
