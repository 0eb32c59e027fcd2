/** How a judged subject is named in its alert: department, function code, budget kind, in both languages. */
import type { Localized } from '../explanation';

/** Names for labels: departments/units, function codes and revenue subjects (and their English). */
export interface Names {
	unit: Map<string, string>;
	func: Map<string, string>;
	revenue: Map<string, string>;
	funcEn?: Map<string, string>;
	revenueEn?: Map<string, string>;
}

const KIND_LABEL: Record<string, Localized> = {
	general: { zh: '一般公共预算', en: 'general budget' },
	fund: { zh: '政府性基金预算', en: 'fund budget' },
	capital: { zh: '国有资本经营预算', en: 'state capital budget' },
	social: { zh: '社会保险基金预算', en: 'social insurance budget' }
};

export function deptLabel(names: Names, dept: string): string {
	return names.unit.get(dept) ?? dept;
}

/** A function code with its name ("2050202 小学教育"); the empty code is every function. */
export function funcLabel(names: Names, func: string): Localized {
	if (func === '') return { zh: '(不分科目)', en: '(all functions)' };
	return codeNamed(func, names.func.get(func), names.funcEn?.get(func));
}

/** A revenue subject with its name ("10101 增值税" / "10101 Value-added tax"). */
export function revenueLabel(names: Names, subject: string): Localized {
	return codeNamed(subject, names.revenue.get(subject), names.revenueEn?.get(subject));
}

function codeNamed(code: string, name: string | undefined, nameEn: string | undefined): Localized {
	const en = nameEn ?? name;
	return { zh: name ? `${code} ${name}` : code, en: en ? `${code} ${en}` : code };
}

/** The budget kind is named only when it is not the general budget. */
export function kindPrefix(kind: string): Localized {
	if (kind === 'general') return { zh: '', en: '' };
	const k = KIND_LABEL[kind] ?? { zh: kind, en: kind };
	return { zh: `${k.zh} `, en: `${k.en} ` };
}

/** The same text in both languages. */
export const both = (text: string): Localized => ({ zh: text, en: text });

export const join = (...parts: Localized[]): Localized => ({
	zh: parts.map((p) => p.zh).join(''),
	en: parts.map((p) => p.en).join('')
});
