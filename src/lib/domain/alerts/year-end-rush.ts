// 年底突击花钱: December's share of the year's spending, and the Guangdong pattern
// "January–November under half the plan and December alone over half" (severe).
import type { FiscalDate } from '../calendar';
import { fenToYuan, yuanToFen, type Fen } from '../money';
import { percentOf, scaled, show, showThreshold } from './decimal';
import {
	RULE_LABEL,
	summarize,
	type ExplanationInput,
	type Localized,
	type Verdict
} from './explanation';
import type { AlertLevel, RuleParams } from './params';

export interface YearEndInput {
	scope: Localized;
	year: number;
	asOf: FiscalDate;
	plan: Fen;
	/** Executed 1 January – 30 November. */
	beforeDecember: Fen;
	/** Executed in December through asOf. */
	december: Fen;
}

export function judgeYearEndRush(input: YearEndInput, params: RuleParams['yearEndRush']): Verdict {
	if (input.asOf < `${input.year}-12-01`) return null;
	const total = input.beforeDecember + input.december;
	if (total <= 0n || input.december <= 0n) return null;
	if (input.plan < yuanToFen(params.minPlan)) return null;
	const share = percentOf(input.december, total)!;
	const before = input.plan > 0n ? percentOf(input.beforeDecember, input.plan)! : null;
	const decOfPlan = input.plan > 0n ? percentOf(input.december, input.plan)! : null;
	const inputs = [
		{ label: { zh: '预算数', en: 'plan' }, value: fenToYuan(input.plan), unit: 'yuan' as const },
		{
			label: { zh: '1—11月执行数', en: 'executed Jan–Nov' },
			value: fenToYuan(input.beforeDecember),
			unit: 'yuan' as const
		},
		{
			label: { zh: '12月执行数', en: 'executed in December' },
			value: fenToYuan(input.december),
			unit: 'yuan' as const
		},
		{
			label: { zh: '12月占全年支出', en: "December's share of the year" },
			value: show(share, 1),
			unit: 'percent' as const
		}
	];
	if (
		before !== null &&
		decOfPlan !== null &&
		before < scaled(params.patternBeforeBelow) &&
		decOfPlan > scaled(params.patternDecemberAbove)
	)
		return patternVerdict(input.scope, inputs, before, decOfPlan, params);
	let level: AlertLevel | null = null;
	if (share >= scaled(params.warning)) level = 'warning';
	else if (share >= scaled(params.notice)) level = 'notice';
	if (!level) return null;
	const threshold = showThreshold(level === 'warning' ? params.warning : params.notice);
	return {
		level,
		explanation: {
			ruleLabel: RULE_LABEL.yearEndRush,
			scopeLabel: input.scope,
			inputs,
			formula: { zh: '12月执行数 / 全年执行数', en: 'December executed / year executed' },
			threshold: { level, value: threshold, unit: 'percent' },
			summary: summarize(
				input.scope,
				{
					zh: `12月支出占全年 ${show(share, 1)}%`,
					en: `December is ${show(share, 1)}% of the year's spending`
				},
				level,
				{ value: threshold, unit: 'percent' }
			)
		}
	};
}

/** The Guangdong pattern (severe): Jan–Nov under `patternBeforeBelow`% of plan, December over `patternDecemberAbove`%. */
function patternVerdict(
	scope: Localized,
	inputs: ExplanationInput[],
	before: bigint,
	decOfPlan: bigint,
	params: RuleParams['yearEndRush']
): Verdict {
	const below = showThreshold(params.patternBeforeBelow);
	const above = showThreshold(params.patternDecemberAbove);
	return {
		level: 'severe',
		explanation: {
			ruleLabel: RULE_LABEL.yearEndRush,
			scopeLabel: scope,
			inputs: [
				...inputs,
				{
					label: { zh: '1—11月执行率', en: 'Jan–Nov execution rate' },
					value: show(before, 1),
					unit: 'percent'
				},
				{
					label: { zh: '12月支出占预算', en: 'December as a share of plan' },
					value: show(decOfPlan, 1),
					unit: 'percent'
				}
			],
			formula: {
				zh: `1—11月执行数 / 预算数 < ${below}% 且 12月执行数 / 预算数 > ${above}%`,
				en: `Jan–Nov executed / plan < ${below}% and December / plan > ${above}%`
			},
			threshold: { level: 'severe', value: above, unit: 'percent' },
			summary: {
				zh: `${scope.zh}：1—11月仅执行预算的 ${show(before, 1)}%，12月单月支出达预算的 ${show(decOfPlan, 1)}%（突击花钱特征，严重）`,
				en: `${scope.en}: only ${show(before, 1)}% of plan spent Jan–Nov, December alone ${show(decOfPlan, 1)}% of plan (year-end rush pattern, severe)`
			}
		}
	};
}
