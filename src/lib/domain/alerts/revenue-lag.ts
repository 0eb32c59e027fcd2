// 收入进度偏慢: collections of a revenue subject behind 序时进度 (same arithmetic as pace lag), or
// falling on the same period last year. One alert per subject: the higher of the two levels.
import type { FiscalDate } from '../calendar';
import { fenToYuan, type Fen } from '../money';
import { LEVEL_RANK, levelAtLeast, percentOf, show, showThreshold } from './decimal';
import { thresholdVerdict, type Verdict } from './explanation';
import type { RuleParams } from './params';
import { judgeProgress, type ProgressInput } from './pace-lag';

export interface RevenueLagInput extends ProgressInput {
	/**
	 * Collected in the same period last year (1 January through the same month and day), fen; null
	 * or zero when last year has nothing to compare with.
	 */
	lastYear: Fen | null;
	/** The last day of that period (29 February becomes 28 February). */
	lastYearAsOf: FiscalDate;
}

export function judgeRevenueLag(input: RevenueLagInput, params: RuleParams['revenueLag']): Verdict {
	const progress = judgeProgress('revenueLag', input, params);
	const decline = judgeDecline(input, params);
	if (!decline) return progress;
	if (!progress) return decline;
	return LEVEL_RANK[decline.level] > LEVEL_RANK[progress.level] ? decline : progress;
}

/**
 * Year-on-year decline in percent: (last year's same period − this year's) ÷ last year's × 100,
 * against the same thresholds; from the same month on as the progress part.
 */
function judgeDecline(input: RevenueLagInput, params: RuleParams['revenueLag']): Verdict {
	const asOfYear = Number(input.asOf.slice(0, 4));
	if (asOfYear !== input.year || Number(input.asOf.slice(5, 7)) < params.fromMonth) return null;
	if (input.lastYear === null || input.lastYear <= 0n) return null;
	const decline = percentOf(input.lastYear - input.executed, input.lastYear)!;
	const level = levelAtLeast(decline, params.thresholds);
	if (!level) return null;
	return thresholdVerdict({
		rule: 'revenueLag',
		scope: input.scope,
		level,
		threshold: { value: showThreshold(params.thresholds[level]), unit: 'percent' },
		inputs: [
			{
				label: { zh: '本年收入数', en: 'collected this year' },
				value: fenToYuan(input.executed),
				unit: 'yuan'
			},
			{ label: { zh: '截至', en: 'as of' }, value: input.asOf, unit: 'date' },
			{
				label: { zh: '上年同期收入数', en: 'same period last year' },
				value: fenToYuan(input.lastYear),
				unit: 'yuan'
			},
			{
				label: { zh: '上年同期截至', en: 'last year as of' },
				value: input.lastYearAsOf,
				unit: 'date'
			},
			{
				label: { zh: '同比下降', en: 'year-on-year decline' },
				value: show(decline, 1),
				unit: 'percent'
			}
		],
		formula: {
			zh: '(上年同期 − 本年累计) ÷ 上年同期',
			en: '(same period last year − this year) ÷ same period last year'
		},
		facts: {
			zh: `收入同比下降 ${show(decline, 1)}%`,
			en: `collections down ${show(decline, 1)}% on the same period last year`
		}
	});
}
