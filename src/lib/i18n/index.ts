/**
 * UI strings: Simplified Chinese by default, English available. One dictionary per locale with the
 * same keys (English is checked against Chinese by the type), `{name}` placeholders.
 */
import { zh } from './zh';
import { en } from './en';

export type Locale = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { zh, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'zh' || value === 'en';
}

export function translator(locale: Locale): Translate {
	const dict = dictionaries[locale];
	return (key, params) => {
		const text = dict[key] ?? zh[key] ?? key;
		return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`)) : text;
	};
}
