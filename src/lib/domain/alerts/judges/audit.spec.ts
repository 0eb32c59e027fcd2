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
});
