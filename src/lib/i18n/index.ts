/**
 * UI strings: Simplified Chinese by default, English available. Strings live per area in
 * ./messages/<area>.ts as `{ zh, en }`; add an area by importing it into AREAS below.
 */
import core from './messages/core';
import security from './messages/security';
import dashboards from './messages/dashboards';
import alerts from './messages/alerts';

const AREAS = [core, dashboards, security, alerts] as const;

type Area = (typeof AREAS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Locale = 'zh' | 'en';
export type MessageKey = keyof UnionToIntersection<Area['zh']>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Record<string, string>> = {
	zh: Object.assign({}, ...AREAS.map((a) => a.zh)),
	en: Object.assign({}, ...AREAS.map((a) => a.en))
};

export function isLocale(value: unknown): value is Locale {
	return value === 'zh' || value === 'en';
}

export function translator(locale: Locale): Translate {
	const dict = dictionaries[locale];
	return (key, params) => {
		const text = dict[key] ?? dictionaries.zh[key] ?? key;
		return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`)) : text;
	};
}
