import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../params';
import { judgeAuditOverdue, type OverdueCandidate } from './audit';

const setting = {
	type: 'auditOverdue' as const,
	enabled: true,
	params: DEFAULT_PARAMS.auditOverdue,
	overrides: []
};
const finding = (over: Partial<OverdueCandidate> = {}): OverdueCandidate => ({
	id: 'SJ2025-001',
	year: 2025,
	unitName: '市教育局',
	deptCode: '122',
	category: '专项资金管理使用不规范',
	amount: '500000.00',
	type: 'immediate',
	dueDate: '2026-09-30',
	status: 'open',
	...over
});

describe('the audit-overdue rule', () => {
	it('finds a finding from the day after its due date, keyed by finding and fiscal year', () => {
		expect(judgeAuditOverdue([finding()], '2026-09-30', setting).findings).toEqual([]);
		const [f] = judgeAuditOverdue([finding()], '2026-10-01', setting).findings;
		expect(f).toMatchObject({
			ruleType: 'auditOverdue',
			subjectKey: 'SJ2025-001',
			period: '2026',
			year: 2026,
			level: 'notice',
			deptCode: '122'
		});
		expect(f.explanation.summary.zh).toContain('逾期 1 天');
	});

	it('rises with days late and with the amount involved', () => {
		const level = (o: Partial<OverdueCandidate>, asOf: string) =>
			judgeAuditOverdue([finding(o)], asOf, setting).findings[0]?.level;
		expect(level({}, '2026-10-30')).toBe('warning'); // 30 days
		expect(level({}, '2026-12-29')).toBe('severe'); // 90 days
		expect(level({ amount: '1000000' }, '2026-10-01')).toBe('warning');
		expect(level({ amount: '10000000' }, '2026-10-01')).toBe('severe');
		expect(level({ status: 'done' }, '2027-01-01')).toBeUndefined();
	});

	it('takes a department override and finds nothing when off', () => {
		const over = {
			...setting,
			overrides: [
				{ scopeKind: 'department' as const, scopeCode: '122', params: { warningAmount: '100000' } }
			]
		};
		expect(judgeAuditOverdue([finding()], '2026-10-01', over).findings[0].level).toBe('warning');
		expect(
			judgeAuditOverdue([finding()], '2026-10-01', { ...setting, enabled: false }).findings
		).toEqual([]);
	});
	it('names what set the level: the amount involved when it outranks the days late', () => {
		// 7 days late (under the 30-day warning) with 2,054.75万 involved (over the 1,000万 severe).
		const [f] = judgeAuditOverdue(
			[finding({ amount: '20547500.00', dueDate: '2026-11-30' })],
			'2026-12-07',
			setting
		).findings;
		expect(f.level).toBe('severe');
		const x = f.explanation;
		expect(x.summary.zh).toBe(
			'市教育局 · 专项资金管理使用不规范：问题金额 2,054.75 万元 ≥ 严重阈值 1,000.00 万元'
		);
		expect(x.summary.en).toContain('amount involved 20.55 million yuan ≥ severe threshold 10.00');
		expect(x.summary.zh).not.toContain('90 天');
		expect(x.threshold).toEqual({
			level: 'severe',
			value: '10000000',
			unit: 'yuan',
			measure: { zh: '问题金额', en: 'amount involved' }
		});
		// Days that reach the level themselves are what the verdict names.
		const [late] = judgeAuditOverdue(
			[finding({ amount: '20547500.00', dueDate: '2026-09-01' })],
			'2026-12-07',
			setting
		).findings;
		expect(late.explanation.summary.zh).toContain('逾期 97 天 ≥ 严重阈值 90 天');
		expect(late.explanation.threshold).toMatchObject({ value: '90', unit: 'days' });
		// A warning by days with a small amount: the days, with the warning's threshold.
		const [warn] = judgeAuditOverdue([finding()], '2026-10-30', setting).findings;
		expect(warn.explanation.summary.zh).toContain('逾期 30 天 ≥ 预警阈值 30 天');
	});

	it('gives the type and status labels in both languages', () => {
		const [f] = judgeAuditOverdue([finding({ status: 'partial' })], '2026-10-01', setting).findings;
		const input = (zh: string) => f.explanation.inputs.find((i) => i.label.zh === zh)?.text;
		expect(input('整改类型')).toEqual({ zh: '立行立改', en: 'immediate' });
		expect(input('整改状态')).toEqual({ zh: '部分整改', en: 'partly rectified' });
	});
});
