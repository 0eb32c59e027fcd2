/**
 * Every UI string of every area in both languages, for the server only. Importing this module
 * registers both languages with the translator; a page in the browser gets only the strings of its
 * own language, from the root layout's data (so the strings are not in any page's JavaScript).
 * Add an area by importing it into AREAS here and in the type list of ./index.ts.
 */
import core from './messages/core';
import security from './messages/security';
import dashboards from './messages/dashboards';
import feed from './messages/feed';
import alerts from './messages/alerts';
import assets from './messages/assets';
import cases from './messages/cases';
import rectification from './messages/rectification';
import wall from './messages/wall';
import { useMessages, type Locale, type Messages } from './index';

const AREAS = [
	core,
	dashboards,
	security,
	feed,
	alerts,
	assets,
	cases,
	rectification,
	wall
] as const;

export const dictionaries: Record<Locale, Messages> = {
	zh: Object.assign({}, ...AREAS.map((a) => a.zh)),
	en: Object.assign({}, ...AREAS.map((a) => a.en))
};

useMessages('zh', dictionaries.zh);
useMessages('en', dictionaries.en);
