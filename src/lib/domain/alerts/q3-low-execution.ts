// After the third quarter: a low execution rate with a large unspent balance (Shuozhou practice).
import type { FiscalDate } from '../calendar';
import { fenToYuan, type Fen } from '../money';
import { levelAtLeastFen, percentOf, scaled, show, showThreshold } from './decimal';
import { thresholdVerdict, type Localized, type Verdict, moneyWords } from './explanation';
import type { RuleParams } from './params';

export interface Q3Input {
	scope: Localized;
	year: number;
	asOf: FiscalDate;
	plan: Fen;
	executed: Fen;
}

export function judgeQ3LowExecution(input: Q3Input, params: RuleParams['q3LowExecution']): Verdict {
	if (input.asOf < `${input.year}-${params.fromDate}`) return null;
	if (input.plan <= 0n) return null;
	const rate = percentOf(input.executed, input.plan)!;
	if (rate >= scaled(params.rateBelow)) return null;
	const balance = input.plan - input.executed;
	const level = levelAtLeastFen(balance, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	return thresholdVerdict({
		rule: 'q3LowExecution',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'yuan' },
		inputs: [
			{ label: { zh: '预算数', en: 'plan' }, value: fenToYuan(input.plan), unit: 'yuan' },
			{ label: { zh: '执行数', en: 'executed' }, value: fenToYuan(input.executed), unit: 'yuan' },
			{ label: { zh: '执行率', en: 'execution rate' }, value: show(rate, 1), unit: 'percent' },
			{
				label: { zh: '未执行余额', en: 'unspent balance' },
				value: fenToYuan(balance),
				unit: 'yuan'
			},
			{ label: { zh: '截至', en: 'as of' }, value: input.asOf, unit: 'date' }
		],
		formula: {
			zh: `执行率 < ${showThreshold(params.rateBelow)}% 时，预算数 − 执行数`,
			en: `plan − executed, when the execution rate < ${showThreshold(params.rateBelow)}%`
		},
		facts: {
			zh: `执行率 ${show(rate, 1)}% < ${showThreshold(params.rateBelow)}%，未执行余额 ${moneyWords(fenToYuan(balance)).zh}`,
			en: `execution rate ${show(rate, 1)}% < ${showThreshold(params.rateBelow)}%, unspent ${moneyWords(fenToYuan(balance)).en}`
		}
	});
}
