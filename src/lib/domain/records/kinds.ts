// The ingest contract's record kinds, apart from their schemas so pages can list them without
// bringing zod (which probes for eval, a CSP violation) into the browser bundle.
export const RECORD_KINDS = ['unit', 'plan', 'payment', 'revenue', 'asset', 'code', 'audit'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export { BUDGET_KINDS, type BudgetKind } from '../budget-kinds';
