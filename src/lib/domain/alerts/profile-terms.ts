/**
 * The words of subject profiles that pages need: which rules take profiles, the modes and the code
 * kinds. Kept apart from `profiles.ts` so that a page importing them does not bring the rule
 * catalogue's zod schemas (which probe for eval, a CSP violation) into the browser bundle. Pure.
 */
import type { RuleType } from './params';

export const PROFILE_MODES = ['excluded', 'schedule', 'thresholds'] as const;
export type ProfileMode = (typeof PROFILE_MODES)[number];

export const PROFILE_CODE_KINDS = ['func', 'econ'] as const;
export type ProfileCodeKind = (typeof PROFILE_CODE_KINDS)[number];

/** The rules whose subjects have plan lines or payments with codes, so a profile can apply. */
export const PROFILED_RULES: readonly RuleType[] = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'projectIdle',
	'overPlan',
	'largePayment',
	'splitPayment',
	'duplicatePayment'
];
