import { describe, expect, it } from 'vitest';
import '../i18n/dictionaries';
import { translator } from '../i18n';
import { auditDetailText, plainDetailText } from './audit-detail';

const zh = translator('zh');

describe('alert and threshold changes in the audit log', () => {
	it('says which thresholds of which rule and scope changed, old and new, with units', () => {
		const text = auditDetailText(
			{
				action: 'rule.thresholds_changed',
				target: 'rule:paceLag:department:122',
				detail: {
					change: 3,
					old: null,
					new: { thresholds: { notice: '2', warning: '10', severe: '15' } }
				}
			},
			zh
		);
		expect(text).toBe('支出进度偏慢（部门 122）：阈值由 — 改为 阈值 2 / 10 / 15 个百分点');
		const defaults = auditDetailText(
			{
				action: 'rule.thresholds_changed',
				target: 'rule:largePayment',
				detail: {
					old: { thresholds: { notice: '1000000', warning: '5000000', severe: '50000000' } },
					new: { thresholds: { notice: '500000', warning: '5000000', severe: '50000000' } }
				}
			},
			zh
		);
		expect(defaults).toBe(
			'大额支付：阈值由 阈值 100 / 500 / 5000 万元 改为 阈值 50 / 500 / 5000 万元'
		);
	});

	it('reads a status change with its note', () => {
		expect(
			auditDetailText(
				{
					action: 'alert.status_changed',
					target: 'alert:7',
					detail: { rule: 'overPlan', from: 'open', to: 'acknowledged', note: '已核实' }
				},
				zh
			)
		).toBe('预警 #7 超预算：待核实 → 已反馈 · 已核实');
	});

	it('names the change a revert undid', () => {
		expect(
			auditDetailText(
				{
					action: 'rule.reverted',
					target: 'rule:paceLag',
					detail: { revertOf: 4, old: { fromMonth: 4 }, new: { fromMonth: 3 } }
				},
				zh
			)
		).toBe('支出进度偏慢：撤销第 4 号修改：起始月份 4 月 → 起始月份 3 月');
	});

	it('writes English with half-width punctuation', () => {
		const text = auditDetailText(
			{
				action: 'rule.reverted',
				target: 'rule:paceLag:department:122',
				detail: {
					revertOf: 4,
					old: { fromMonth: 4, thresholds: { notice: '5', warning: '10', severe: '15' } },
					new: { fromMonth: 3, thresholds: { notice: '2', warning: '10', severe: '15' } }
				}
			},
			translator('en')
		);
		expect(text).toMatch(/ \(.+ 122\): /);
		expect(text).toContain('; ');
		expect(text).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/);
	});

	it('reads a subject profile change: rule, code, mode before and after, the why', () => {
		const profile = (mode: string, note: string, params: unknown = null) => ({
			ruleType: 'largePayment',
			codeKind: 'econ',
			codePrefix: '301',
			mode,
			params,
			note
		});
		const target = 'rule:largePayment:profile:econ:301';
		const edited = auditDetailText(
			{
				action: 'rule.profile_changed',
				target,
				detail: {
					change: 3,
					old: profile('excluded', '301 工资福利支出：按月例行发放'),
					new: profile('thresholds', '工资另行核对', {
						thresholds: { notice: '500000', warning: '5000000', severe: '50000000' }
					})
				}
			},
			zh
		);
		expect(edited).toBe(
			'大额支付 · 主体画像（经济分类 301）：排除 → 单独阈值 阈值 50 / 500 / 5000 万元 · 说明：301 工资福利支出：按月例行发放 → 工资另行核对'
		);
		// The note as the server put it in the page's language (a default note in English).
		const removed = auditDetailText(
			{
				action: 'rule.profile_changed',
				target,
				detail: {
					change: 4,
					old: profile('excluded', '301 Wages: paid in monthly runs'),
					new: null
				}
			},
			translator('en')
		);
		expect(removed).toBe(
			'Large payment · subject profile (Economic 301): Excluded → none · Why: 301 Wages: paid in monthly runs'
		);
	});

	it('leaves other actions to the plain details', () => {
		expect(
			auditDetailText({ action: 'user.created', target: 'user:x', detail: null }, zh)
		).toBeNull();
	});
});

describe('other entries in the audit log', () => {
	const en = translator('en');

	it('names the details and roles in the reader’s language', () => {
		const created = { role: 'staff', displayName: '李秀英' };
		expect(plainDetailText(created, zh)).toBe('角色：工作人员 · 姓名：李秀英');
		expect(plainDetailText(created, en)).toBe('role: Staff · name: 李秀英');
		expect(plainDetailText({ from: 'member', to: 'admin' }, zh)).toBe('原为：委员 · 改为：管理员');
	});

	it('shows a detail it has no name for as it is, and nothing for none', () => {
		expect(plainDetailText({ rows: [1, 2] }, zh)).toBe('rows：[1,2]');
		expect(plainDetailText(null, zh)).toBe('');
	});
});
