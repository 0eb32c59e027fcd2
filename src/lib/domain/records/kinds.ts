// The ingest contract's record kinds and budget kinds, apart from their schemas so pages can list
// them without bringing zod (which probes for eval, a CSP violation) into the browser bundle.
export const RECORD_KINDS = ['unit', 'plan', 'payment', 'revenue', 'asset'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const BUDGET_KINDS = ['general', 'fund', 'capital', 'social'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];
