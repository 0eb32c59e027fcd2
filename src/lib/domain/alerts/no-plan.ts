// 无预算支出: net spending on a department × function line that no plan line covers
// (the matching is plan-match.ts's "most specific covering line").
import { fenToYuan, yuanToFen, type Fen } from '../money';
import { showThreshold } from './decimal';
import { RULE_LABEL, type Localized, type Verdict, moneyWords } from './explanation';
import type { RuleParams } from './params';

export interface UnplannedSpending {
	scope: Localized;
	amount: Fen;
	payments: number;
}

export function judgeNoPlan(input: UnplannedSpending, params: RuleParams['noPlan']): Verdict {
	// A refund that nets the line to zero or below leaves nothing spent without a plan.
	if (input.amount <= 0n || input.amount <= yuanToFen(params.minAmount)) return null;
	const level = params.level;
	const min = showThreshold(params.minAmount);
	return {
		level,
		explanation: {
			ruleLabel: RULE_LABEL.noPlan,
			scopeLabel: input.scope,
			inputs: [
				{
					label: { zh: '无预算支出金额', en: 'spent without a plan' },
					value: fenToYuan(input.amount),
					unit: 'yuan'
				},
				{ label: { zh: '支付笔数', en: 'payments' }, value: String(input.payments), unit: 'count' }
			],
			formula: { zh: '未被任何预算行覆盖的净支出', en: 'net spending no plan line covers' },
			threshold: { level, value: min, unit: 'yuan' },
			summary: {
				zh: `${input.scope.zh}：无预算支出 ${moneyWords(fenToYuan(input.amount)).zh}（${input.payments} 笔）> ${moneyWords(min).zh}`,
				en: `${input.scope.en}: ${moneyWords(fenToYuan(input.amount)).en} spent without a plan (${input.payments} payments) > ${moneyWords(min).en}`
			}
		}
	};
}
