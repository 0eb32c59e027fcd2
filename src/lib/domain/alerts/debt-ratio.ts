// 债务率: the city's debt balance against its 综合财力, and debt service against the repayment schedule.
import { levelAtLeast, scaled, show, showThreshold, SCALE } from './decimal';
import { thresholdVerdict, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';
import { debtRatio, mofGrade, percentText, reachesPercent, type MofGrade } from '../ratios';

export interface DebtRatioInput {
	scope: Localized;
	year: number;
	/** Debt balance (一般债务 + 专项债务) and 综合财力 in 元, decimal strings. */
	balance: string;
	capacity: string;
}

const GRADE_LABEL: Record<MofGrade, Localized> = {
	green: { zh: '绿色', en: 'green' },
	yellow: { zh: '黄色', en: 'yellow' },
	orange: { zh: '橙色', en: 'orange' },
	red: { zh: '红色', en: 'red' }
};

export function judgeDebtRatio(input: DebtRatioInput, params: RuleParams['debtRatio']): Verdict {
	const r = debtRatio(input.balance, input.capacity);
	if (r === null) return null;
	const t = params.thresholds;
	const level = reachesPercent(r, t.severe)
		? 'severe'
		: reachesPercent(r, t.warning)
			? 'warning'
			: reachesPercent(r, t.notice)
				? 'notice'
				: null;
	if (!level) return null;
	const pct = percentText(r, 2)!;
	const grade = GRADE_LABEL[mofGrade(r)];
	return thresholdVerdict({
		rule: 'debtRatio',
		scope: input.scope,
		level,
		threshold: { value: showThreshold(t[level]), unit: 'percent' },
		inputs: [
			{ label: { zh: '债务余额', en: 'debt balance' }, value: input.balance, unit: 'yuan' },
			{ label: { zh: '综合财力', en: 'financial capacity' }, value: input.capacity, unit: 'yuan' },
			{ label: { zh: '债务率', en: 'debt ratio' }, value: pct, unit: 'percent' },
			{
				label: { zh: '财政部分级', en: 'MOF grade' },
				value: grade.zh,
				unit: 'text',
				text: grade
			},
			{ label: { zh: '年度', en: 'year' }, value: String(input.year), unit: 'text' }
		],
		formula: { zh: '债务余额 / 综合财力', en: 'debt balance / financial capacity' },
		facts: {
			zh: `债务率 ${pct}%（${grade.zh}）`,
			en: `debt ratio ${pct}% (${grade.en})`
		}
	});
}

export interface DebtServiceInput {
	scope: Localized;
	year: number;
	/** What the repayment schedule made due so far, and what was paid (元). */
	due: string;
	paid: string;
}

/**
 * Debt service behind its schedule: the unpaid share of what was due so far, in percent
 * ((due − paid) / due); nothing when nothing was due or all was paid.
 */
export function judgeDebtService(
	input: DebtServiceInput,
	params: RuleParams['debtService']
): Verdict {
	const due = scaled(input.due);
	if (due <= 0n) return null;
	const unpaid = due - scaled(input.paid);
	if (unpaid <= 0n) return null;
	// percent ×10⁶, rounded down: exact against thresholds of up to 6 decimals
	const share = (unpaid * 100n * SCALE) / due;
	const level = levelAtLeast(share, params.thresholds);
	if (!level) return null;
	return thresholdVerdict({
		rule: 'debtService',
		scope: input.scope,
		level,
		threshold: { value: showThreshold(params.thresholds[level]), unit: 'percent' },
		inputs: [
			{ label: { zh: '按计划应付', en: 'due by schedule' }, value: input.due, unit: 'yuan' },
			{ label: { zh: '已支付', en: 'paid' }, value: input.paid, unit: 'yuan' },
			{ label: { zh: '未付比例', en: 'unpaid share' }, value: show(share, 1), unit: 'percent' },
			{ label: { zh: '年度', en: 'year' }, value: String(input.year), unit: 'text' }
		],
		formula: {
			zh: '(按还本付息计划应付 − 已支付) / 应付',
			en: '(due by the repayment schedule − paid) / due'
		},
		facts: {
			zh: `未按计划支付 ${show(share, 1)}%`,
			en: `${show(share, 1)}% of what was due unpaid`
		}
	});
}
