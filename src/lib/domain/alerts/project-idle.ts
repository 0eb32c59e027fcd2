// 项目未执行: a planned project with no payment in the last `days` days (a quarter by default).
// Not judged before that many days of the year have passed, nor once the project has spent its whole
// plan: a project with nothing left to pay is finished, not idle (its overspending is 超预算's).
import type { FiscalDate } from '../calendar';
import { fenToYuan, yuanToFen, type Fen } from '../money';
import { RULE_LABEL, type Localized, type Verdict, moneyWords } from './explanation';
import type { RuleParams } from './params';

export interface ProjectInput {
	scope: Localized;
	year: number;
	asOf: FiscalDate;
	plan: Fen;
	executed: Fen;
	/** Last fiscal date with a payment on the project this year, or null. */
	lastPaidOn: FiscalDate | null;
}

export function judgeProjectIdle(input: ProjectInput, params: RuleParams['projectIdle']): Verdict {
	if (input.plan <= 0n || input.plan < yuanToFen(params.minPlan)) return null;
	if (input.executed >= input.plan) return null;
	const yearEnd = `${input.year}-12-31`;
	const asOf = input.asOf > yearEnd ? yearEnd : input.asOf;
	if (asOf < addDays(`${input.year}-01-01`, params.days - 1)) return null;
	const windowStart = addDays(asOf, -(params.days - 1));
	if (input.lastPaidOn !== null && input.lastPaidOn >= windowStart) return null;
	const level = params.level;
	const last = input.lastPaidOn ?? '—';
	return {
		level,
		explanation: {
			ruleLabel: RULE_LABEL.projectIdle,
			scopeLabel: input.scope,
			inputs: [
				{
					label: { zh: '项目预算', en: 'project plan' },
					value: fenToYuan(input.plan),
					unit: 'yuan'
				},
				{
					label: { zh: '累计执行', en: 'executed to date' },
					value: fenToYuan(input.executed),
					unit: 'yuan'
				},
				{ label: { zh: '最近支付日期', en: 'last paid on' }, value: last, unit: 'date' },
				{ label: { zh: '观察期起', en: 'window from' }, value: windowStart, unit: 'date' },
				{ label: { zh: '截至', en: 'as of' }, value: asOf, unit: 'date' }
			],
			formula: {
				zh: `最近 ${params.days} 天内无支付`,
				en: `no payment in the last ${params.days} days`
			},
			threshold: { level, value: String(params.days), unit: 'days' },
			summary: {
				zh: `${input.scope.zh}：${windowStart} 至 ${asOf} 无支付（最近支付 ${last}），已执行 ${moneyWords(fenToYuan(input.executed)).zh} / 预算 ${moneyWords(fenToYuan(input.plan)).zh}`,
				en: `${input.scope.en}: no payment ${windowStart} to ${asOf} (last paid ${last}), executed ${moneyWords(fenToYuan(input.executed)).en} of ${moneyWords(fenToYuan(input.plan)).en}`
			}
		}
	};
}

/** A fiscal date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: FiscalDate, days: number): FiscalDate {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
