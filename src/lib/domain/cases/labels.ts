/** What a case's cause is called: the grouped causes by name, a rule type by its rule's label. */
import { RULE_LABEL, type Localized } from '../alerts/explanation';

const CAUSE_LABEL: Record<string, Localized> = {
	spendingBehind: { zh: '部门支出进度偏慢', en: 'Department spending behind' },
	payments: { zh: '大额及拆分支付', en: 'Large and split payments' },
	duplicatePayment: { zh: '重复支付', en: 'Duplicate payments' }
};

/** The label of a cause (a rule type the grouping does not rename keeps its rule's label). */
export function causeLabel(cause: string): Localized {
	return CAUSE_LABEL[cause] ?? RULE_LABEL[cause] ?? { zh: cause, en: cause };
}

/**
 * When a case's facts happened, as a list shows it: the facts' date or dates ("2026-11-06 —
 * 2026-11-16"), else the case's period — an annual report's facts have no date ("2025"), which a
 * bare "—" hid. Null when neither is known.
 */
export function factsText(
	from: string | null,
	to: string | null,
	period: string | null
): string | null {
	if (from) return from === to || !to ? from : `${from} — ${to}`;
	return period || null;
}

/** The causes a filter offers: the grouped ones and every rule type. */
export function causes(ruleTypes: readonly string[]): string[] {
	const grouped = new Set(['largePayment', 'paceLag', 'q3LowExecution', 'projectIdle']);
	return [...Object.keys(CAUSE_LABEL), ...ruleTypes.filter((t) => !grouped.has(t))];
}

/**
 * A case's summary as it reads after its department's name, which a list shows first: the name is
 * taken out of the summary once so that it does not read twice ("市水利和湖泊局 市水利和湖泊局: …").
 * The result starts with what should follow the name directly (": …", " · …" or a space).
 */
export function afterName(name: string | null, summary: string): string {
	if (!name) return summary;
	const rest = summary.startsWith(name) ? summary.slice(name.length) : null;
	if (rest !== null && (rest === '' || /^[\s:：·,，]/.test(rest))) return rest;
	const at = summary.indexOf(` ${name} `);
	const text = at < 0 ? summary : summary.slice(0, at) + summary.slice(at + name.length + 1);
	return ` ${text}`;
}
