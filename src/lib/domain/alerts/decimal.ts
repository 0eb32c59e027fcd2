/**
 * Exact comparisons for rules: rates and thresholds as bigint scaled by 10⁶ (micro-units), money as
 * bigint fen. No float ever decides a level.
 */
import { divRound, scaledToDecimal, yuanToFen, type Fen } from '../money';
import type { AlertLevel } from './params';

export const SCALE = 1_000_000n;

/** "15", "12.5", "-3.25" → scaled bigint (×10⁶). */
export function scaled(text: string): bigint {
	const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
	if (!m) throw new Error(`not a decimal: ${text}`);
	const v = BigInt(m[2]) * SCALE + BigInt((m[3] ?? '').padEnd(6, '0'));
	return m[1] ? -v : v;
}

/**
 * a / b × 100 as a scaled percentage, rounded down (toward −∞); null when b is zero. Rounding down
 * keeps comparisons with thresholds of up to 6 decimals exact: 59.99999998% is below 60%.
 */
export function percentOf(a: Fen, b: Fen): bigint | null {
	if (b === 0n) return null;
	return floorDiv(a * 100n * SCALE, b);
}

export function floorDiv(n: bigint, d: bigint): bigint {
	const q = n / d;
	return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

/** A scaled value as text with `digits` decimals (rounded half away from zero): 17123456n → "17.1". */
export function show(value: bigint, digits = 1): string {
	const factor = 10n ** BigInt(6 - digits);
	return scaledToDecimal(divRound(value, factor), digits);
}

/** Scaled thresholds as display text: "15" stays "15", "12.50" → "12.5". */
export function showThreshold(text: string): string {
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export interface Thresholds {
	notice: string;
	warning: string;
	severe: string;
}

/** The highest level whose threshold `value` reaches (value ≥ threshold); null below notice. */
export function levelAtLeast(value: bigint, t: Thresholds): AlertLevel | null {
	if (value >= scaled(t.severe)) return 'severe';
	if (value >= scaled(t.warning)) return 'warning';
	if (value >= scaled(t.notice)) return 'notice';
	return null;
}

/** Fen compared with thresholds in 元: the highest level reached. */
export function levelAtLeastFen(amount: Fen, t: Thresholds): AlertLevel | null {
	if (amount >= yuanToFen(t.severe)) return 'severe';
	if (amount >= yuanToFen(t.warning)) return 'warning';
	if (amount >= yuanToFen(t.notice)) return 'notice';
	return null;
}

export const LEVEL_RANK: Record<AlertLevel, number> = { notice: 1, warning: 2, severe: 3 };
