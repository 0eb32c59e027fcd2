// Data quality: records quarantined (invalid or conflicting), spending under a function code or a
// unit the reference tables do not know.
import { RULE_LABEL, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

export type QualityProblem = 'quarantined' | 'unknownFunction' | 'unknownUnit';

export interface QualityInput {
	scope: Localized;
	problem: QualityProblem;
	/** Records affected. */
	count: number;
}

const PROBLEM: Record<QualityProblem, Localized> = {
	quarantined: { zh: '隔离区待处理记录', en: 'records in quarantine' },
	unknownFunction: { zh: '未知功能科目的支付', en: 'payments under an unknown function code' },
	unknownUnit: { zh: '未知预算单位的支付', en: 'payments of an unknown unit' }
};

export function judgeDataQuality(input: QualityInput, params: RuleParams['dataQuality']): Verdict {
	if (input.count <= 0) return null;
	const level =
		input.problem === 'quarantined' && input.count >= params.warningRecords ? 'warning' : 'notice';
	const threshold = level === 'warning' ? String(params.warningRecords) : '1';
	const what = PROBLEM[input.problem];
	return {
		level,
		explanation: {
			ruleLabel: RULE_LABEL.dataQuality,
			scopeLabel: input.scope,
			inputs: [{ label: what, value: String(input.count), unit: 'count' }],
			formula: { zh: `${what.zh}笔数`, en: `number of ${what.en}` },
			threshold: { level, value: threshold, unit: 'count' },
			summary: {
				zh: `${input.scope.zh}：${what.zh} ${input.count} 条 ≥ ${level === 'warning' ? '预警' : '提示'}阈值 ${threshold}`,
				en: `${input.scope.en}: ${input.count} ${what.en} ≥ ${level} threshold ${threshold}`
			}
		}
	};
}
