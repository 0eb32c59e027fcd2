/**
 * The ratios of the state-asset report and of government debt, exact: each is a fraction of two
 * decimal figures (元, up to 6 decimals) kept as integers, compared with thresholds by
 * cross-multiplication and rounded once, half-up (half away from zero), when it is shown.
 * - 资产负债率 leverage = total liabilities / total assets
 * - 国有资本保值增值率 preservation = closing / opening state-owned equity
 * - 债务率 debt ratio = debt balance / 综合财力 (comprehensive financial capacity), graded as the
 *   Ministry of Finance grades it: below 120% green, 120–200% yellow, 200–300% orange, 300% and up red.
 */
import { scaled } from './alerts/decimal';
import { divRound, scaledToDecimal } from './money';

/** An exact ratio num / den with den > 0. */
export interface Ratio {
	num: bigint;
	den: bigint;
}

/** num / den when the denominator is positive; null otherwise (no ratio of a zero or negative base). */
export function ratioOf(numerator: string, denominator: string): Ratio | null {
	const den = scaled(denominator);
	if (den <= 0n) return null;
	return { num: scaled(numerator), den };
}

export const leverage = (totalAssets: string, totalLiabilities: string) =>
	ratioOf(totalLiabilities, totalAssets);

export const preservation = (openingEquity: string, closingEquity: string) =>
	ratioOf(closingEquity, openingEquity);

export const debtRatio = (balance: string, capacity: string) => ratioOf(balance, capacity);

/** The ratio as a fraction with `digits` decimals, rounded once half-up: 2/3 → "0.6667". */
export function fractionText(r: Ratio | null, digits = 4): string | null {
	if (r === null) return null;
	return scaledToDecimal(divRound(r.num * 10n ** BigInt(digits), r.den), digits);
}

/** The ratio in percent with `digits` decimals, rounded once half-up: 2/3 → "66.67". */
export function percentText(r: Ratio | null, digits = 2): string | null {
	if (r === null) return null;
	return scaledToDecimal(divRound(r.num * 100n * 10n ** BigInt(digits), r.den), digits);
}

/** Whether the ratio in percent reaches `percent` (a decimal string, up to 6 decimals), exactly. */
export function reachesPercent(r: Ratio, percent: string): boolean {
	// num/den × 100 ≥ p/10⁶  ⇔  num × 100 × 10⁶ ≥ p × den (den > 0)
	return r.num * 100n * 1_000_000n >= scaled(percent) * r.den;
}

/** Sums of decimal strings, exact (each up to 6 decimals), as a decimal string with 6 decimals. */
export function sumDecimals(values: readonly string[]): string {
	return scaledToDecimal(
		values.reduce((s, v) => s + scaled(v), 0n),
		6
	);
}

export const MOF_GRADES = ['green', 'yellow', 'orange', 'red'] as const;
export type MofGrade = (typeof MOF_GRADES)[number];

/** The Ministry of Finance's grade of a debt ratio: <120 green, 120–200 yellow, 200–300 orange, ≥300 red. */
export function mofGrade(r: Ratio): MofGrade {
	if (reachesPercent(r, '300')) return 'red';
	if (reachesPercent(r, '200')) return 'orange';
	if (reachesPercent(r, '120')) return 'yellow';
	return 'green';
}

/** Year-on-year change of a figure as a fraction (current − previous) / |previous|; null without a base. */
export function yearOnYear(previous: string, current: string): Ratio | null {
	const prev = scaled(previous);
	if (prev === 0n) return null;
	const cur = scaled(current);
	return { num: cur - prev, den: prev < 0n ? -prev : prev };
}
