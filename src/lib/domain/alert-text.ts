/**
 * How alert figures read on a page: an explanation's values with their units (money in 万元 or
 * 亿元, rates in %), texts in the page's language. Pure, shared by the alert pages and the report.
 */
import { moneyInEnglish, ONE_EN, type Explanation, type Localized } from './alerts/explanation';
import type { MessageKey, Translate } from '../i18n';
import { moneyText } from './format';

export type Lang = 'zh' | 'en';

/** The text of a `{ zh, en }` pair in the page's language (a plain string is shown as it is). */
export function loc(text: Localized | string | null | undefined, lang: Lang): string {
	if (!text) return '';
	return typeof text === 'string' ? text : (text[lang] ?? text.zh);
}

const UNIT_WORDS: Record<string, Localized> = {
	pp: { zh: '个百分点', en: 'pp' },
	percent: { zh: '%', en: '%' },
	hours: { zh: '个工作小时', en: 'working hours' },
	count: { zh: '条', en: '' },
	days: { zh: '天', en: 'days' }
};

export interface ValueText {
	value: string;
	unit: string;
}

/**
 * An explanation value as shown: 元 in the unit that reads best (万元 from 1万, 亿元 from 1亿) with the
 * unit named; in English in millions of yuan from a million, as the rest of the English pages write
 * money; percentages and points as given (they are exact decimal strings from the engine).
 */
export function valueText(value: string, unit: string, lang: Lang): ValueText {
	if (unit === 'yuan' && /^-?\d+(\.\d+)?$/.test(value)) {
		if (lang === 'en') return moneyInEnglish(value);
		const m = moneyText(value);
		const names = { yuan: '元', wan: '万元', yi: '亿元' } as const;
		return { value: m.value, unit: names[m.unit] };
	}
	const one = lang === 'en' && value === '1' ? ONE_EN[unit as keyof typeof ONE_EN] : undefined;
	if (one) return { value, unit: one.trim() };
	const word = UNIT_WORDS[unit];
	return { value, unit: word ? word[lang] : '' };
}

/** `value unit` in one string ("16.0 个百分点", "95%", "1,200.00 万元"). */
export function valueLine(value: string, unit: string, lang: Lang): string {
	const v = valueText(value, unit, lang);
	if (!v.unit) return v.value;
	return v.unit === '%' ? `${v.value}%` : `${v.value} ${v.unit}`;
}

/**
 * The threshold an alert reached, as its page says it: "问题金额达到严重阈值 1,000.00 万元" /
 * "amount involved: severe threshold 10.00 million yuan" where the rule names what it is of.
 */
export function thresholdLine(th: Explanation['threshold'], lang: Lang, t: Translate): string {
	const words = {
		measure: loc(th.measure, lang),
		level: t(`level.${th.level}` as MessageKey),
		value: valueLine(th.value, th.unit, lang)
	};
	return t(th.measure ? 'alert.thresholdTextOf' : 'alert.thresholdText', words);
}

export const LEVELS = ['severe', 'warning', 'notice'] as const;
export type Level = (typeof LEVELS)[number];
