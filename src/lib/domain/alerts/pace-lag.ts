// 支出进度偏慢 (and, with collections, 收入进度): how far execution runs behind 序时进度.
import { timeProgress, type FiscalDate } from '../fiscal';
import { fenToYuan, yuanToFen, type Fen } from '../money';
import { levelAtLeast, percentOf, scaled, show, showThreshold } from './decimal';
import { thresholdVerdict, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

export interface ProgressInput {
	scope: Localized;
	year: number;
	/** The data's as-of fiscal date. */
	asOf: FiscalDate;
	/** Available plan, fen. */
	plan: Fen;
	/** Executed (or collected) from 1 January through asOf, fen; refunds already netted. */
	executed: Fen;
}

/** Time progress in percent, scaled ×10⁶ (exact to the 4 decimals of the fiscal module). */
export function timeProgressPercent(asOf: FiscalDate, year: number): bigint {
	return scaled(timeProgress(asOf, year, 6)) * 100n;
}

/** Shared by pace lag and revenue lag: gap = time progress − rate, in percentage points. */
export function judgeProgress(
	rule: 'paceLag' | 'revenueLag',
	input: ProgressInput,
	params: { thresholds: RuleParams['paceLag']['thresholds']; fromMonth: number; minPlan?: string }
): Verdict {
	const asOfYear = Number(input.asOf.slice(0, 4));
	if (asOfYear < input.year) return null;
	if (asOfYear === input.year && Number(input.asOf.slice(5, 7)) < params.fromMonth) return null;
	if (input.plan <= 0n) return null;
	if (params.minPlan !== undefined && input.plan < yuanToFen(params.minPlan)) return null;
	const tp = timeProgressPercent(input.asOf, input.year);
	const rate = percentOf(input.executed, input.plan)!;
	const gap = tp - rate;
	const level = levelAtLeast(gap, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	const what =
		rule === 'paceLag'
			? { zh: '执行率', en: 'execution rate' }
			: { zh: '收入进度', en: 'collection rate' };
	return thresholdVerdict({
		rule: rule,
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'pp' },
		inputs: [
			{ label: { zh: '预算数', en: 'plan' }, value: fenToYuan(input.plan), unit: 'yuan' },
			{
				label:
					rule === 'paceLag' ? { zh: '执行数', en: 'executed' } : { zh: '收入数', en: 'collected' },
				value: fenToYuan(input.executed),
				unit: 'yuan'
			},
			{ label: what, value: show(rate, 1), unit: 'percent' },
			{ label: { zh: '序时进度', en: 'time progress' }, value: show(tp, 1), unit: 'percent' },
			{ label: { zh: '截至', en: 'as of' }, value: input.asOf, unit: 'date' },
			{ label: { zh: '偏差', en: 'gap' }, value: show(gap, 1), unit: 'pp' }
		],
		formula: { zh: `序时进度 − ${what.zh}`, en: `time progress − ${what.en}` },
		facts: {
			zh: `${what.zh} ${show(rate, 1)}%, 序时进度 ${show(tp, 1)}%, 偏差 ${show(gap, 1)} 个百分点`,
			en: `${what.en} ${show(rate, 1)}%, time progress ${show(tp, 1)}%, gap ${show(gap, 1)} pp`
		}
	});
}

/** 支出进度偏慢 for a city / class / department / project with its plan and execution as of a date. */
export function judgePaceLag(input: ProgressInput, params: RuleParams['paceLag']): Verdict {
	return judgeProgress('paceLag', input, params);
}
