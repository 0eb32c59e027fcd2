// State-asset reports (国有资产): categories, which figures are money, report periods, and the rates
// computed the way the soeLeverage and capitalPreservation alert rules compute them.
import { scaled, SCALE, show } from './alerts/decimal';
import { divRound, scaledToDecimal } from './money';
import { fractionText, leverage, preservation, ratioOf } from './ratios';
import type { MessageKey, Translate } from '../i18n';

export const ASSET_CATEGORIES = ['enterprise', 'financial', 'administrative', 'natural'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

/** Money figures in 元 shown as columns; the rest of a report's figures are listed as reported. */
export const MONEY_FIGURES = [
	'totalAssets',
	'totalLiabilities',
	'equity',
	'netAssets',
	'openingEquity',
	'operatingRevenue',
	'totalProfit'
] as const;

/** A figure as a decimal string, or undefined when it is text (a unit name) or malformed — as the alert rules read it. */
export function figureDecimal(v: unknown): string | undefined {
	return typeof v === 'string' && /^-?\d+(\.\d{1,6})?$/.test(v) ? v : undefined;
}

/** 国有资本权益 (enterprises, financial) or 净资产 (administrative units). */
export function equityOf(figures: Record<string, unknown>): string | undefined {
	return figureDecimal(figures.equity) ?? figureDecimal(figures.netAssets);
}

export interface AssetRates {
	/** 资产负债率 as a fraction string with 8 decimals, from the exact ratio rounded once half-up. */
	leverage: string | null;
	/** 保值增值率, likewise; enterprises only. */
	preservation: string | null;
}

/** Percent ×10⁶ as an exact fraction string: 72624379n → "0.72624379". */
export function percentScaledToFraction(v: bigint | null): string | null {
	return v === null ? null : scaledToDecimal(v, 8);
}

/** A fraction string from percentScaledToFraction as the alert explanations show it: "72.6%". */
export function rateText(fraction: string | null, digits = 1): string {
	if (fraction === null) return '—';
	const m = /^(-)?(\d+)\.(\d{8})$/.exec(fraction);
	if (!m) return '—';
	const percentScaled = BigInt(m[2] + m[3]); // fraction ×10⁸ = percent ×10⁶
	return `${show(m[1] ? -percentScaled : percentScaled, digits)}%`;
}

/**
 * 资产负债率 = liabilities / assets, with 8 decimals rounded once half away from zero (the alert rule
 * compares its own exact value, rounded down, with thresholds); null without positive assets.
 */
export function leverageOf(
	totalAssets: string | undefined,
	totalLiabilities: string | undefined
): string | null {
	if (totalAssets === undefined || totalLiabilities === undefined) return null;
	return fractionText(leverage(totalAssets, totalLiabilities), 8);
}

/** 保值增值率 of a report: the reported rate (percent), else closing / opening equity; 8 decimals. */
export function preservationOf(figures: Record<string, unknown>): string | null {
	const reported = figureDecimal(figures.preservationRate);
	if (reported !== undefined) return fractionText(ratioOf(reported, '100'), 8);
	const opening = figureDecimal(figures.openingEquity);
	const closing = figureDecimal(figures.equity);
	if (opening === undefined || closing === undefined) return null;
	return fractionText(preservation(opening, closing), 8);
}

/** The rates of one report's figures, from the same functions the alert rules use. */
export function assetRates(category: AssetCategory, figures: Record<string, unknown>): AssetRates {
	const lev =
		category === 'natural'
			? null
			: leverageOf(figureDecimal(figures.totalAssets), figureDecimal(figures.totalLiabilities));
	return {
		leverage: lev,
		preservation: category === 'enterprise' ? preservationOf(figures) : null
	};
}

/** A decimal 元 figure (up to 6 decimals) rounded to 分 for display: "12.345" → "12.35". */
export function toYuan2(decimal: string): string {
	return scaledToDecimal(divRound(scaled(decimal), SCALE / 100n), 2);
}

/** The year of a report period ("2025" or "2025-06"). */
export function periodYear(period: string): number {
	return Number(period.slice(0, 4));
}

/**
 * The period a year's page shows: the annual report ("2025") when there is one, else the latest
 * month. `periods` are the distinct periods on record.
 */
export function periodForYear(periods: string[], year: number): string | null {
	const mine = periods.filter((p) => periodYear(p) === year);
	if (mine.includes(String(year))) return String(year);
	return mine.sort().at(-1) ?? null;
}

/**
 * Report periods oldest first, a year's months before its annual report ("2024", "2025-06", "2025"):
 * the annual report closes its year.
 */
export function sortPeriods(periods: readonly string[]): string[] {
	const key = (p: string) => (p.length === 4 ? `${p}-13` : p);
	return [...periods].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Whether a URL's entity code can be one the asset records carry (1–40 characters, no controls). */
export function isEntityCode(code: string): boolean {
	// eslint-disable-next-line no-control-regex
	return code.length >= 1 && code.length <= 40 && !/[\u0000-\u001f\u007f]/.test(code);
}

/** The entity page of an asset-report entity code. */
export const entityHref = (code: string): string => `/assets/entities/${encodeURIComponent(code)}`;

/** The case causes (rule types) whose subject is an asset-report entity, by its entity code. */
export const ASSET_CASE_CAUSES = ['soeLeverage', 'capitalPreservation'] as const;

export const isAssetCause = (cause: string): boolean =>
	(ASSET_CASE_CAUSES as readonly string[]).includes(cause);

/** A reported figure's name: the known ones translated, others as the report names them. */
export function figureName(key: string, t: Translate): string {
	const k = `assets.fig.${key}` as MessageKey;
	const text = t(k);
	return text === k ? key : text;
}

/** The physical units reports name that have an English name, by the unit as reported. */
const PHYSICAL_UNITS: Record<string, string> = {
	公顷: 'hectare',
	亩: 'mu',
	平方公里: 'km2',
	立方米: 'm3',
	万立方米: 'e4m3',
	亿立方米: 'e8m3',
	吨: 'tonne',
	万吨: 'e4tonne',
	亿吨: 'e8tonne'
};

/** A reported physical unit in the page's language ("公顷" → "ha"); one not known as reported. */
export function physicalUnitText(unit: string | null | undefined, t: Translate): string {
	if (!unit) return t('assets.unitMissing');
	const key = PHYSICAL_UNITS[unit];
	return key ? t(`assets.unit.${key}` as MessageKey) : unit;
}
