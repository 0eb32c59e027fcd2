// 三公经费: a department's spending on the 三公 款 (travel abroad, reception, official cars)
// against its budget for them; spending them with no such budget at all is severe.
import { fenToYuan, type Fen } from '../money';
import { levelAtLeast, percentOf, show, showThreshold } from './decimal';
import {
	RULE_LABEL,
	thresholdVerdict,
	type Localized,
	type Verdict,
	moneyWords
} from './explanation';
import type { RuleParams } from './params';

export interface ThreePublicInput {
	scope: Localized;
	budget: Fen;
	executed: Fen;
}

export function judgeThreePublic(
	input: ThreePublicInput,
	params: RuleParams['threePublic']
): Verdict {
	const codes = params.econCodes.join(', ');
	const baseInputs = [
		{
			label: { zh: '三公经费预算', en: '"three public" budget' },
			value: fenToYuan(input.budget),
			unit: 'yuan' as const
		},
		{
			label: { zh: '三公经费支出', en: '"three public" spending' },
			value: fenToYuan(input.executed),
			unit: 'yuan' as const
		},
		{ label: { zh: '经济分类款', en: 'economic codes' }, value: codes, unit: 'text' as const }
	];
	if (input.executed <= 0n) return null;
	if (input.budget <= 0n) {
		return {
			level: 'severe',
			explanation: {
				ruleLabel: RULE_LABEL.threePublic,
				scopeLabel: input.scope,
				inputs: baseInputs,
				formula: { zh: '三公经费支出 / 三公经费预算', en: '"three public" spending / budget' },
				threshold: {
					level: 'severe',
					value: showThreshold(params.thresholds.severe),
					unit: 'percent'
				},
				summary: {
					zh: `${input.scope.zh}：无三公经费预算，已支出 ${moneyWords(fenToYuan(input.executed)).zh}`,
					en: `${input.scope.en}: ${moneyWords(fenToYuan(input.executed)).en} spent with no "three public" budget`
				}
			}
		};
	}
	const rate = percentOf(input.executed, input.budget)!;
	const level = levelAtLeast(rate, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	return thresholdVerdict({
		rule: 'threePublic',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'percent' },
		inputs: [
			...baseInputs,
			{ label: { zh: '执行率', en: 'execution rate' }, value: show(rate, 1), unit: 'percent' }
		],
		formula: { zh: '三公经费支出 / 三公经费预算', en: '"three public" spending / budget' },
		facts: {
			zh: `三公经费执行率 ${show(rate, 1)}%`,
			en: `"three public" execution ${show(rate, 1)}%`
		}
	});
}
