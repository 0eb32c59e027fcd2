/**
 * 审计整改逾期: an audit finding not rectified (neither 已整改 nor 销号) from the day after its due
 * date, in the fiscal zone. The level rises with the days late and with the amount involved. One
 * alert per finding and fiscal year; an alert whose finding is rectified is cleared.
 */
import { daysLate, overdueCause } from '../../rectification/overdue';
import {
	STATUS_LABEL,
	TYPE_LABEL,
	type FindingStatus,
	type FindingType
} from '../../rectification/status';
import { moneyWords, thresholdVerdict } from '../explanation';
import type { RuleSettings } from '../params';
import { addFinding, type Evaluation, type Finding } from './evaluation';

/** A finding as the rule reads it. */
export interface OverdueCandidate {
	id: string;
	year: number;
	unitName: string;
	/** The unit's department, for department overrides and the alert's department. */
	deptCode: string | null;
	category: string;
	amount: string | null;
	type: FindingType;
	dueDate: string;
	status: FindingStatus;
}

/** The rule's thresholds in the domain's terms (amounts: every amount is at least a notice). */
function thresholdsOf(p: RuleSettings['auditOverdue']['params']) {
	return {
		days: p.thresholds,
		amounts: { notice: '0', warning: p.warningAmount, severe: p.severeAmount }
	};
}

export function judgeAuditOverdue(
	candidates: readonly OverdueCandidate[],
	asOf: string,
	setting: RuleSettings['auditOverdue']
): Evaluation {
	const findings: Finding[] = [];
	const year = Number(asOf.slice(0, 4));
	if (setting.enabled)
		for (const c of candidates) {
			const override = setting.overrides.find(
				(o) => o.scopeKind === 'department' && o.scopeCode === c.deptCode
			);
			const params = { ...setting.params, ...(override?.params ?? {}) };
			const thresholds = thresholdsOf(params);
			const cause = overdueCause(c, asOf, thresholds);
			if (!cause) continue;
			const { level } = cause;
			const late = daysLate(c.dueDate, asOf);
			// The summary and the threshold name the measure that set the level: the amount
			// involved when it reaches a higher level than the days late, otherwise the days.
			const byAmount = cause.by === 'amount' && c.amount !== null;
			const money = byAmount ? moneyWords(c.amount!) : null;
			const verdict = thresholdVerdict({
				rule: 'auditOverdue',
				scope: { zh: `${c.unitName} · ${c.category}`, en: `${c.unitName} · ${c.category}` },
				level,
				threshold: byAmount
					? {
							value: thresholds.amounts[level],
							unit: 'yuan',
							measure: { zh: '问题金额', en: 'amount involved' }
						}
					: {
							value: params.thresholds[level],
							unit: 'days',
							measure: { zh: '逾期天数', en: 'days late' }
						},
				inputs: [
					{ label: { zh: '审计年度', en: 'audit year' }, value: String(c.year), unit: 'text' },
					{ label: { zh: '问题编号', en: 'finding' }, value: c.id, unit: 'text' },
					{
						label: { zh: '整改类型', en: 'type' },
						value: TYPE_LABEL[c.type].zh,
						unit: 'text',
						text: TYPE_LABEL[c.type]
					},
					{ label: { zh: '整改期限', en: 'due date' }, value: c.dueDate, unit: 'date' },
					{
						label: { zh: '整改状态', en: 'status' },
						value: STATUS_LABEL[c.status].zh,
						unit: 'text',
						text: STATUS_LABEL[c.status]
					},
					...(c.amount !== null
						? [
								{
									label: { zh: '问题金额', en: 'amount involved' },
									value: c.amount,
									unit: 'yuan' as const
								}
							]
						: []),
					{ label: { zh: '逾期天数', en: 'days late' }, value: String(late), unit: 'days' }
				],
				formula: {
					zh: '整改期限次日起仍未整改完成；按逾期天数与问题金额定级',
					en: 'not rectified after the due date; level by days late and amount involved'
				},
				facts: money
					? { zh: `问题金额 ${money.zh}`, en: `amount involved ${money.en}` }
					: { zh: `逾期 ${late} 天`, en: `${late} ${late === 1 ? 'day' : 'days'} late` }
			});
			addFinding(findings, 'auditOverdue', verdict, {
				key: c.id,
				period: String(year),
				year,
				deptCode: c.deptCode ?? undefined
			});
		}
	return { ruleType: 'auditOverdue', findings, covers: () => true };
}
