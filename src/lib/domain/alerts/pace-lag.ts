// 支出进度偏慢 (and, with collections, 收入进度): how far execution runs behind 序时进度.
import { timeProgress } from '../fiscal';
import { type FiscalDate } from '../calendar';
import { exactGap, progressOf, roundedRatio } from '../gap';
import { fenToYuan, yuanToFen, type Fen } from '../money';
import { floorDiv, levelAtLeast, scaled, SCALE, showThreshold } from './decimal';
import {
	thresholdVerdict,
	type ExplanationInput,
	type Localized,
	type Verdict
} from './explanation';
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
	/**
	 * The other departments' execution of the same budget kind on the same date (their plan and
	 * executed, fen), for a department or one of its projects: when they stand behind 序时进度 (the
	 * year-end peak: nationally ≈ 18% of a year's spending is paid in December), the subject is
	 * judged against their rate — it is a case when it lags its peers, not the calendar. Absent or
	 * without a plan (a city of one department): 序时进度 alone.
	 */
	peers?: { plan: Fen; executed: Fen };
}

/** The fraction a subject is expected to have reached: 序时进度, or its peers' rate when that is lower. */
function expectation(input: ProgressInput): { num: bigint; den: bigint; peers: boolean } {
	const tp = progressOf(input.asOf, input.year);
	const c = input.peers;
	if (!c || c.plan <= 0n) return { num: tp.num, den: tp.den, peers: false };
	const executed = c.executed > 0n ? c.executed : 0n;
	// executed / plan < num / den, compared exactly.
	if (executed * tp.den < tp.num * c.plan) return { num: executed, den: c.plan, peers: true };
	return { num: tp.num, den: tp.den, peers: false };
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
	// The gap from the exact fractions (days elapsed / days in the year — or the peers' executed /
	// plan when lower —, executed / plan): rounded down at 10⁻⁶ pp to compare with thresholds, and
	// each figure shown rounded once from exact.
	const tpExact = progressOf(input.asOf, input.year);
	const expected = expectation(input);
	const { plan, executed } = input;
	const gap = floorDiv(
		(expected.num * plan - executed * expected.den) * 100n * SCALE,
		expected.den * plan
	);
	const level = levelAtLeast(gap, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	const shown = {
		rate: roundedRatio(executed * 100n, plan, 1)!,
		tp: roundedRatio(tpExact.num * 100n, tpExact.den, 1)!,
		expected: roundedRatio(expected.num * 100n, expected.den, 1)!,
		gap: exactGap({ ...expected, text: '' }, executed, plan, 1)!
	};
	const what =
		rule === 'paceLag'
			? { zh: '执行率', en: 'execution rate' }
			: { zh: '收入进度', en: 'collection rate' };
	// Against the peers the measure is how far the subject is below their rate — not the pages'
	// 偏差 (序时进度 − rate), so it is never called 偏差.
	const below = {
		zh: '低于其他部门执行率',
		en: 'below other departments’ execution rate'
	};
	const peerInputs: ExplanationInput[] = expected.peers
		? [
				{
					label: { zh: '其他部门执行率', en: 'other departments’ execution rate' },
					value: shown.expected,
					unit: 'percent'
				}
			]
		: [];
	return thresholdVerdict({
		rule: rule,
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'pp', ...(expected.peers ? { measure: below } : {}) },
		inputs: [
			{ label: { zh: '预算数', en: 'plan' }, value: fenToYuan(input.plan), unit: 'yuan' },
			{
				label:
					rule === 'paceLag' ? { zh: '执行数', en: 'executed' } : { zh: '收入数', en: 'collected' },
				value: fenToYuan(input.executed),
				unit: 'yuan'
			},
			{ label: what, value: shown.rate, unit: 'percent' },
			{ label: { zh: '序时进度', en: 'time progress' }, value: shown.tp, unit: 'percent' },
			...peerInputs,
			{ label: { zh: '截至', en: 'as of' }, value: input.asOf, unit: 'date' },
			{
				label: expected.peers ? below : { zh: '偏差', en: 'gap' },
				value: shown.gap,
				unit: 'pp'
			}
		],
		formula: expected.peers
			? {
					zh: `其他部门执行率（低于序时进度）− ${what.zh}`,
					en: `other departments’ execution rate (below time progress) − ${what.en}`
				}
			: { zh: `序时进度 − ${what.zh}`, en: `time progress − ${what.en}` },
		facts: expected.peers
			? {
					zh: `${what.zh} ${shown.rate}%，其他部门执行率 ${shown.expected}%（序时进度 ${shown.tp}%），${below.zh} ${shown.gap} 个百分点`,
					en: `${what.en} ${shown.rate}%, other departments’ execution rate ${shown.expected}% (time progress ${shown.tp}%), ${shown.gap} pp ${below.en}`
				}
			: {
					zh: `${what.zh} ${shown.rate}%，序时进度 ${shown.tp}%，偏差 ${shown.gap} 个百分点`,
					en: `${what.en} ${shown.rate}%, time progress ${shown.tp}%, gap ${shown.gap} pp`
				}
	});
}

/** 支出进度偏慢 for a city / class / department / project with its plan and execution as of a date. */
export function judgePaceLag(input: ProgressInput, params: RuleParams['paceLag']): Verdict {
	return judgeProgress('paceLag', input, params);
}
