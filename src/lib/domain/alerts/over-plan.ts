// 超预算: cumulative execution of a department × function line against its available plan.
import { fenToYuan, type Fen } from '../money';
import { levelAtLeast, percentOf, show, showThreshold } from './decimal';
import { thresholdVerdict, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

export interface LineExecution {
	scope: Localized;
	plan: Fen;
	executed: Fen;
}

export function judgeOverPlan(input: LineExecution, params: RuleParams['overPlan']): Verdict {
	if (input.plan <= 0n) return null; // spending without a plan is the noPlan rule's
	const rate = percentOf(input.executed, input.plan)!;
	const level = levelAtLeast(rate, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	return thresholdVerdict({
		rule: 'overPlan',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'percent' },
		inputs: [
			{
				label: { zh: '可用预算', en: 'available plan' },
				value: fenToYuan(input.plan),
				unit: 'yuan'
			},
			{
				label: { zh: '累计执行', en: 'executed to date' },
				value: fenToYuan(input.executed),
				unit: 'yuan'
			},
			{ label: { zh: '执行率', en: 'execution rate' }, value: show(rate, 1), unit: 'percent' }
		],
		formula: { zh: '累计执行 / 可用预算', en: 'executed / available plan' },
		facts: { zh: `执行率 ${show(rate, 1)}%`, en: `execution rate ${show(rate, 1)}%` }
	});
}
