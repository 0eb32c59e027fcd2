// 国有资本保值增值率 below 100%: the reported rate, or closing / opening state-owned equity.
import { floorDiv, scaled, SCALE, show, showThreshold } from './decimal';
import {
	thresholdVerdict,
	type ExplanationInput,
	type Localized,
	type Verdict
} from './explanation';
import type { RuleParams } from './params';

export interface PreservationInput {
	scope: Localized;
	period: string;
	/** The reported rate in percent ("98.6"), when the report gives one. */
	reportedRate?: string;
	/** Otherwise from the equity at the start and end of the period (元). */
	openingEquity?: string;
	closingEquity?: string;
}

/** The rate in percent ×10⁶, or null when the report has neither the rate nor both equities. */
export function preservationRate(input: PreservationInput): bigint | null {
	if (input.reportedRate !== undefined) return scaled(input.reportedRate);
	if (input.openingEquity === undefined || input.closingEquity === undefined) return null;
	const opening = scaled(input.openingEquity);
	if (opening <= 0n) return null;
	return floorDiv(scaled(input.closingEquity) * 100n * SCALE, opening);
}

export function judgeCapitalPreservation(
	input: PreservationInput,
	params: RuleParams['capitalPreservation']
): Verdict {
	const rate = preservationRate(input);
	if (rate === null || rate >= scaled(params.below)) return null;
	const level = params.level;
	const threshold = showThreshold(params.below);
	const inputs: ExplanationInput[] = [
		{ label: { zh: '保值增值率', en: 'preservation rate' }, value: show(rate, 1), unit: 'percent' },
		{ label: { zh: '报告期', en: 'period' }, value: input.period, unit: 'text' }
	];
	if (input.reportedRate === undefined)
		inputs.unshift(
			{
				label: { zh: '期初国有资本权益', en: 'opening state equity' },
				value: input.openingEquity!,
				unit: 'yuan'
			},
			{
				label: { zh: '期末国有资本权益', en: 'closing state equity' },
				value: input.closingEquity!,
				unit: 'yuan'
			}
		);
	return thresholdVerdict({
		rule: 'capitalPreservation',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'percent' },
		inputs,
		formula:
			input.reportedRate === undefined
				? { zh: '期末国有资本权益 / 期初国有资本权益', en: 'closing / opening state equity' }
				: { zh: '报告的保值增值率', en: 'reported preservation rate' },
		facts: { zh: `保值增值率 ${show(rate, 1)}%`, en: `preservation rate ${show(rate, 1)}%` },
		comparison: '<'
	});
}
