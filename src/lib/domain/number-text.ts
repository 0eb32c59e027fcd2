// Figures other than money as text: percentages, physical quantities, the printed reports' section
// numbers. Apart from ./format so that pages showing none of them do not load them.
import { groupThousands, scaledToDecimal } from './money';

/** A physical quantity as reported, with thousands separators: "198600" → "198,600", "18394.5" → "18,394.5". */
export function quantityText(decimal: string | null | undefined): string {
	if (decimal === null || decimal === undefined || decimal === '') return '—';
	return groupThousands(decimal.trim());
}

/** A section's number before its heading: 1 → "一、" / "1. " (the printed reports' outline). */
export function sectionNumber(n: number, locale: 'zh' | 'en'): string {
	return locale === 'zh' ? `${CHINESE_NUMERALS[n - 1] ?? n}、` : `${n}. `;
}
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A fraction string as a percentage: "0.5830" → "58.30%" (digits=2) or "58.3%" (digits=1). Rounded
 * half away from zero on the decimal digits, so "0.8985" is "89.9%" as the charts show it.
 */
export function percentText(fraction: string | null, digits = 1): string {
	if (fraction === null || fraction === '') return '—';
	const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(fraction.trim());
	if (!m) return `${(Number(fraction) * 100).toFixed(digits)}%`;
	// percent × 10^digits = fraction × 10^(digits+2), rounded on the next digit.
	const frac = (m[3] ?? '').padEnd(digits + 3, '0');
	const scaled = BigInt(m[2] + frac.slice(0, digits + 2));
	const rounded = scaled + (Number(frac[digits + 2]) >= 5 ? 1n : 0n);
	const text = scaledToDecimal(rounded, digits);
	return `${m[1] && rounded !== 0n ? '-' : ''}${text}%`;
}
