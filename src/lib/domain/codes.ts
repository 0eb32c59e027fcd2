/**
 * 政府收支分类科目: code shapes, levels and labels. Aggregation is by code prefix:
 * function 类/款/项 = 3/5/7 digits, economic 类/款 = 3/5 (部门 301…399, 政府 501…599),
 * revenue 类/款/项/目 = 3/5/7/9.
 */

/** function 支出功能分类, economic 部门预算支出经济分类, govEconomic 政府预算支出经济分类, revenue 收入分类. */
export const CODE_SCHEMES = ['function', 'economic', 'govEconomic', 'revenue'] as const;
export type CodeScheme = (typeof CODE_SCHEMES)[number];
export type CodeLevel = 'class' | 'section' | 'item' | 'subitem';

const LENGTHS: Record<CodeScheme, number[]> = {
	function: [3, 5, 7],
	economic: [3, 5],
	govEconomic: [3, 5],
	revenue: [3, 5, 7, 9]
};

const LEVEL_BY_LENGTH: Record<number, CodeLevel> = {
	3: 'class',
	5: 'section',
	7: 'item',
	9: 'subitem'
};

/** The 三公经费 economic 款: travel abroad, official reception, official car running and purchase. */
export const THREE_PUBLIC_ECON_CODES = ['30212', '30217', '30231', '31013'] as const;

export function isWellFormedCode(scheme: CodeScheme, code: string): boolean {
	return /^\d+$/.test(code) && LENGTHS[scheme].includes(code.length);
}

/** Why a code is not acceptable, or null when it is. */
export function codeProblem(scheme: CodeScheme, code: string): string | null {
	if (!/^\d+$/.test(code)) return `must contain digits only, got "${code}"`;
	if (!LENGTHS[scheme].includes(code.length))
		return `must have ${LENGTHS[scheme].join(', ')} digits, got ${code.length}`;
	return null;
}

export function codeLevel(code: string): CodeLevel {
	return LEVEL_BY_LENGTH[code.length] ?? 'class';
}

/** The code one level up: '2050202' → '20502' → '205' → null. */
export function parentCode(code: string): string | null {
	if (code.length <= 3) return null;
	return code.slice(0, code.length - 2);
}

/** The code at a level: classOf('2050202') = '205'. */
export const classOf = (code: string) => code.slice(0, 3);
export const sectionOf = (code: string) => code.slice(0, 5);

/** True when `prefix` equals `code` or covers it (a plan at 205 covers a payment at 2050202). */
export function covers(prefix: string, code: string): boolean {
	return prefix === '' || code.startsWith(prefix);
}

/**
 * "205 教育支出" / "205 Education": the English name in English where the code table has one (the
 * shipped table names every code; one a city loaded without English keeps its Chinese name), or
 * "未知科目 (2059901)" / "Unknown code (2059901)" when no name is known.
 */
export function codeLabel(
	code: string,
	name: string | null | undefined,
	locale: 'zh' | 'en' = 'zh',
	nameEn?: string | null
): string {
	const shown = locale === 'en' ? (nameEn ?? name) : name;
	if (shown) return `${code} ${shown}`;
	return locale === 'zh' ? `未知科目 (${code})` : `Unknown code (${code})`;
}
