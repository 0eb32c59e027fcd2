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

/** The causes a filter offers: the grouped ones and every rule type. */
export function causes(ruleTypes: readonly string[]): string[] {
	const grouped = new Set(['largePayment', 'paceLag', 'q3LowExecution', 'projectIdle']);
	return [...Object.keys(CAUSE_LABEL), ...ruleTypes.filter((t) => !grouped.has(t))];
}
