import { describe, expect, it } from 'vitest';
import { lineSpending, planLine } from '../../../../../tests/support/alert-judging';
import { validateRecord, type PaymentRecord } from '../../records';
import {
	allocate,
	classTotals,
	planLineKey,
	projectsOf,
	spendingAdded,
	throughOf
} from './spending';

const year = 2026;
const asOf = '2026-06-30';

describe('allocating a year’s spending to plan lines', () => {
	it('groups by budget kind and department and gives each payment its most specific line', () => {
		const [education, fund] = allocate({
			year,
			asOf,
			lines: [
				planLine({ funcCode: '205', plan: 100_00n }),
				planLine({ funcCode: '20502', projectCode: 'P1', plan: 50_00n }),
				planLine({ budgetKind: 'fund', funcCode: '212', plan: 7_00n })
			],
			spending: [
				lineSpending({ funcCode: '2050202', projectCode: 'P1', amount: 30_00n }),
				lineSpending({ funcCode: '2050101', amount: 20_00n }),
				lineSpending({ funcCode: '2080101', amount: 5_00n })
			]
		});
		expect(education).toMatchObject({ kind: 'general', dept: '122', plan: 150_00n });
		expect(education.lines.map((l) => l.executed)).toEqual([20_00n, 30_00n]);
		expect(education.unplanned.map((s) => s.funcCode)).toEqual(['2080101']);
		expect(education.totalExecuted).toBe(55_00n);
		expect(fund).toMatchObject({ kind: 'fund', plan: 7_00n, totalExecuted: 0n });
	});

	it('sums a department’s projects over their lines, and their spending wherever it was allocated', () => {
		const [a] = allocate({
			year,
			asOf,
			lines: [
				planLine({ funcCode: '20502', projectCode: 'P1', projectName: '校舍改造', plan: 40_00n }),
				planLine({ funcCode: '20509', projectCode: 'P1', projectName: '校舍改造', plan: 10_00n }),
				planLine({ funcCode: '205', plan: 100_00n })
			],
			spending: [
				lineSpending({ funcCode: '2050202', projectCode: 'P1', amount: 12_00n }),
				lineSpending({ funcCode: '2070101', projectCode: 'P1', amount: 3_00n }),
				lineSpending({ funcCode: '2050202', projectCode: 'P2', amount: 9_00n })
			]
		});
		expect([...projectsOf(a)]).toEqual([
			['P1', { name: '校舍改造', plan: 50_00n, executed: 15_00n, funcCode: '20502' }]
		]);
	});

	it('totals function classes from the lines’ plan and all spending, a class without plan included', () => {
		const depts = allocate({
			year,
			asOf,
			lines: [
				planLine({ funcCode: '20502', plan: 10_00n }),
				planLine({ deptCode: '131', funcCode: '210', plan: 20_00n }),
				planLine({ funcCode: '', econCode: '302', plan: 99_00n })
			],
			spending: [
				lineSpending({ funcCode: '2050202', amount: 4_00n }),
				lineSpending({ deptCode: '131', funcCode: '2100101', amount: 6_00n }),
				lineSpending({ funcCode: '2130101', amount: 1_00n })
			]
		});
		expect(Object.fromEntries(classTotals(depts))).toEqual({
			'205': { plan: 10_00n, executed: 4_00n },
			'213': { plan: 0n, executed: 1_00n },
			'210': { plan: 20_00n, executed: 6_00n }
		});
	});
});

describe('what a group inserted', () => {
	const payment = (id: string, paidAt: string, amount: string, funcCode = '2050202') => {
		const checked = validateRecord('payment', {
			id,
			paidAt,
			deptCode: '122',
			funcCode,
			econCode: '30201',
			amount
		});
		if (!checked.ok) throw new Error(checked.reason);
		return checked.record as PaymentRecord;
	};

	it('is summed per fiscal year and plan-line key, a refund netted', () => {
		const added = spendingAdded(
			[
				payment('a', '2026-03-01T10:00:00+08:00', '100.00'),
				payment('b', '2026-03-02T10:00:00+08:00', '-30.00'),
				payment('c', '2026-03-02T10:00:00+08:00', '5.00', '2050101'),
				// 1 January 00:30 in Shanghai is still 2025 in UTC: the fiscal zone decides.
				payment('d', '2026-01-01T00:30:00+08:00', '7.00')
			],
			'Asia/Shanghai'
		);
		expect(added.get(2026)!.map((s) => [planLineKey(s), s.amount, s.payments])).toEqual([
			['general|2050202|30201|', 70_00n + 7_00n, 3],
			['general|2050101|30201|', 5_00n, 1]
		]);
		expect([...added.keys()]).toEqual([2026]);
	});

	it('is judged through the year’s last day at the latest', () => {
		expect(throughOf(2025, '2026-02-01')).toBe('2025-12-31');
		expect(throughOf(2026, '2026-02-01')).toBe('2026-02-01');
	});
});
