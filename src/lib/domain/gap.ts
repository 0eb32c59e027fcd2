/**
 * 偏差 (the gap between time progress and the execution rate), exact: both are fractions — days
 * elapsed / days in the year (or months / 12 at a month end) and executed fen / plan fen — so the
 * gap is one exact fraction, rounded once for display. Rounding 序时进度 first and subtracting
 * after would move a gap by 0.01 pp at some dates (34.18 shown for an exact 34.17).
 */
import { timeProgress, timeProgressByMonth } from './fiscal';
import { dayOfYear, daysInYear, type FiscalDate } from './calendar';
import { divRound, scaledToDecimal, type Fen } from './money';

/** 序时进度 exactly (num / den, den > 0) and as pages show it (`text`, four decimals). */
export interface Progress {
	num: bigint;
	den: bigint;
	text: string;
}

/** Time progress as of the end of `asOf` for fiscal `year`: 0 before the year, 1 after it. */
export function progressOf(asOf: FiscalDate, year: number): Progress {
	const text = timeProgress(asOf, year);
	const asOfYear = Number(asOf.slice(0, 4));
	if (asOfYear < year) return { num: 0n, den: 1n, text };
	if (asOfYear > year) return { num: 1n, den: 1n, text };
	return { num: BigInt(dayOfYear(asOf)), den: BigInt(daysInYear(year)), text };
}

/** Month-end time progress: m / 12. */
export function progressByMonth(month: number): Progress {
	return { num: BigInt(month), den: 12n, text: timeProgressByMonth(month) };
}

/**
 * Time progress − executed / plan, in percentage points with `digits` decimals, rounded once (half
 * away from zero) from the exact fraction: positive means spending lags time. Null without a plan.
 */
export function exactGap(tp: Progress, executed: Fen, plan: Fen, digits = 2): string | null {
	if (plan === 0n) return null;
	const scale = 100n * 10n ** BigInt(digits); // percentage points × 10^digits
	const num = (tp.num * plan - executed * tp.den) * scale;
	return scaledToDecimal(divRound(num, tp.den * plan), digits);
}

/** a / b as a fraction with `digits` decimals, rounded once half away from zero; null when b is 0. */
export function roundedRatio(a: bigint, b: bigint, digits: number): string | null {
	if (b === 0n) return null;
	return scaledToDecimal(divRound(a * 10n ** BigInt(digits), b), digits);
}
