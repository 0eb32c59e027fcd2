/**
 * The four budgets (四本预算): 一般公共预算 `general` (the default), 政府性基金 `fund`, 国有资本经营
 * `capital`, 社会保险基金 `social`. The one list of them; kept in a module of its own, without zod,
 * so that pickers and the wall can import it without carrying the record schemas into the browser.
 */
export const BUDGET_KINDS = ['general', 'fund', 'capital', 'social'] as const;

export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** The budget kind when nothing says otherwise. */
export const DEFAULT_BUDGET_KIND: BudgetKind = 'general';

export function isBudgetKind(value: unknown): value is BudgetKind {
	return typeof value === 'string' && (BUDGET_KINDS as readonly string[]).includes(value);
}
