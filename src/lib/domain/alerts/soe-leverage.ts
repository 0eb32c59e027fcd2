// 资产负债率 of a state-owned enterprise: total liabilities / total assets.
import { floorDiv, levelAtLeast, scaled, SCALE, show, showThreshold } from './decimal';
import { thresholdVerdict, type Localized, type Verdict } from './explanation';
import type { RuleParams } from './params';

export interface LeverageInput {
	scope: Localized;
	period: string;
	/** Decimal strings as reported (元). */
	totalAssets: string;
	totalLiabilities: string;
}

/** Liabilities / assets in percent ×10⁶ (rounded down), or null without positive assets. */
export function leverageRate(totalAssets: string, totalLiabilities: string): bigint | null {
	const assets = scaled(totalAssets);
	if (assets <= 0n) return null;
	return floorDiv(scaled(totalLiabilities) * 100n * SCALE, assets);
}

export function judgeSoeLeverage(input: LeverageInput, params: RuleParams['soeLeverage']): Verdict {
	const ratio = leverageRate(input.totalAssets, input.totalLiabilities);
	if (ratio === null) return null;
	const level = levelAtLeast(ratio, params.thresholds);
	if (!level) return null;
	const threshold = showThreshold(params.thresholds[level]);
	return thresholdVerdict({
		rule: 'soeLeverage',
		scope: input.scope,
		level,
		threshold: { value: threshold, unit: 'percent' },
		inputs: [
			{ label: { zh: '资产总额', en: 'total assets' }, value: input.totalAssets, unit: 'yuan' },
			{
				label: { zh: '负债总额', en: 'total liabilities' },
				value: input.totalLiabilities,
				unit: 'yuan'
			},
			{ label: { zh: '资产负债率', en: 'leverage' }, value: show(ratio, 1), unit: 'percent' },
			{ label: { zh: '报告期', en: 'period' }, value: input.period, unit: 'text' }
		],
		formula: { zh: '负债总额 / 资产总额', en: 'total liabilities / total assets' },
		facts: { zh: `资产负债率 ${show(ratio, 1)}%`, en: `leverage ${show(ratio, 1)}%` }
	});
}
