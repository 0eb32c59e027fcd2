/**
 * UI strings: Simplified Chinese by default, English available. Strings live per area in
 * ./messages/<area>.ts as `{ zh, en }`; the server imports them all (./dictionaries.ts) and hands
 * each page only its language's strings through the root layout, so no page ships them as code.
 * Add an area by importing it in ./dictionaries.ts and adding its type below.
 */
import type core from './messages/core';
import type security from './messages/security';
import type dashboards from './messages/dashboards';
import type feed from './messages/feed';
import type alerts from './messages/alerts';
import type assets from './messages/assets';
import type cases from './messages/cases';
import type rectification from './messages/rectification';
import type wall from './messages/wall';
import { messagesOf } from './registry.svelte';

export { useMessages, type Messages } from './registry.svelte';

type Area =
	| typeof core
	| typeof dashboards
	| typeof security
	| typeof feed
	| typeof alerts
	| typeof assets
	| typeof cases
	| typeof rectification
	| typeof wall;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
	x: infer I
) => void
	? I
	: never;

export type Locale = 'zh' | 'en';
export type MessageKey = keyof UnionToIntersection<Area['zh']>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
	return value === 'zh' || value === 'en';
}

/** Looks a key up in the language's strings as registered when it is called (falling back to Chinese). */
export function translator(locale: Locale): Translate {
	return (key, params) => {
		const text = messagesOf(locale)?.[key] ?? messagesOf('zh')?.[key] ?? key;
		return params
			? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`))
			: text;
	};
}
