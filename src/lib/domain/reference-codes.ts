// 政府收支分类科目: the shipped reference table (reference-codes.json): every 类 and 款 of the function,
// economic (部门 and 政府) and revenue classifications, and the 项 the demo city uses. The server
// stores it as the baseline of every year; a city loads its finance system's table for a year as
// `code` records, so `未知科目 (code)` means a code that is truly not in the year's table.
import table from './reference-codes.json';
import type { CodeScheme } from './codes';

export type ReferenceCode = { scheme: CodeScheme; code: string; name: string; nameEn?: string };

/** The edition (year) of the national table the shipped data follows. */
export const REFERENCE_EDITION: number = table.edition;

const ofScheme = (scheme: CodeScheme): ReferenceCode[] =>
	(table[scheme] as string[][]).map(([code, name, nameEn]) =>
		nameEn ? { scheme, code, name, nameEn } : { scheme, code, name }
	);

export const functionCodes = ofScheme('function');
export const economicCodes = ofScheme('economic');
export const govEconomicCodes = ofScheme('govEconomic');
export const revenueCodes = ofScheme('revenue');

export const referenceCodes: ReferenceCode[] = [
	...functionCodes,
	...economicCodes,
	...govEconomicCodes,
	...revenueCodes
];
