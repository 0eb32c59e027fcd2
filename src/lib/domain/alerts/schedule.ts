/**
 * Which rules a periodic run evaluates. Some rules move with time alone (the date, the clock); of
 * those, the daily ones change only with a new fiscal day or new data, so the scheduler remembers
 * what its last run saw and skips them while neither moved.
 */
import type { RuleType } from './params';

/** The rules that move with time alone; the others follow the data on ingest. */
export const PERIODIC_RULES: readonly RuleType[] = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'projectIdle',
	'revenueLag',
	'splitPayment',
	'duplicatePayment',
	'auditOverdue',
	'feedStale',
	'dataQuality'
];

/** Of those, the ones only a new fiscal day or new data can change; the clock alone moves the rest. */
export const DAILY_RULES: readonly RuleType[] = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'projectIdle',
	'revenueLag',
	'auditOverdue'
];

/**
 * Of those, the ones judged over the whole year's payments (化整为零, 重复支付): once a fiscal day
 * (and at start-up), not on every new batch, which keeps the minute's run and ingest light.
 */
export const DAY_RULES: readonly RuleType[] = ['splitPayment', 'duplicatePayment'];

/** What the scheduler's last run saw: the fiscal date and the newest live event it was evaluated against. */
export interface PeriodicState {
	asOf?: string;
	seq?: number;
}

/**
 * The rules due now: every rule with `all` (undefined: no restriction), else the periodic rules,
 * without the daily ones when the fiscal date and the newest data event are those `last` saw.
 */
export function rulesDue(
	all: boolean,
	last: PeriodicState | undefined,
	now: PeriodicState
): Set<RuleType> | undefined {
	if (all) return undefined;
	const due = new Set(PERIODIC_RULES);
	if (last && last.asOf === now.asOf && last.seq === now.seq)
		for (const r of DAILY_RULES) due.delete(r);
	if (last && last.asOf === now.asOf) for (const r of DAY_RULES) due.delete(r);
	return due;
}
