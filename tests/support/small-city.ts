/**
 * A small city for the supervision-figure tests: two departments (教育局 122 with three kinds of plan
 * line and a project, 水利 138 with a plan adjusted in August), their units, payments on both sides of
 * month and year ends (a refund, spending without a plan, a personal payee), and revenue in two
 * years. Each suite gets its own database with this city ingested through the app.
 */
import type { sql } from 'drizzle-orm';
import { beforeAll } from 'vitest';
import { rows } from '../../db/client';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { useTestApp } from './app';
import type { DatabaseTarget } from './databases';
import { paymentRecord, planRecord, unitRecord } from './factories';

export const Y = 2026;

/** The general budget of Y as of a date. */
export const q = (asOf: string) => ({ year: Y, budgetKind: 'general' as const, asOf });

/** Exact sum of decimal amounts in 元. */
export const sum = (values: string[]) => fenToYuan(values.reduce((s, v) => s + yuanToFen(v), 0n));

export async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

/** The suite's app with the small city ingested, and `scalar` for a one-value SQL check. */
export function useSmallCity(target: DatabaseTarget) {
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

	return { app, scalar };
}
