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
	'debtService',
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
	'auditOverdue',
	'debtService'
];

/**
 * Of those, the ones judged over the whole year's payments (化整为零, 重复支付): once a fiscal day
 * (and at start-up), not on every new batch, which keeps the minute's run and ingest light.
 */
export const DAY_RULES: readonly RuleType[] = ['splitPayment', 'duplicatePayment'];

/**
 * New data alone (the same fiscal day) re-judges the daily rules at most this often. Those rules
 * read the whole year (every line's spending, every project's last payment): judged every minute
 * behind a trickle of live payments they cost more than the payments themselves (1.3 s of CPU a run
 * at 200,000 payments on PGlite, docs/performance.md). The rules that follow each payment (over plan,
 * no plan, 三公, large payments) are judged with the payment on ingest; a new fiscal day judges
 * everything at once.
 */
export const DAILY_RULES_ON_DATA_MS = 10 * 60_000;

/** What the scheduler's last run saw: the fiscal date and the newest live event it was evaluated against. */
export interface PeriodicState {
	asOf?: string;
	seq?: number;
	/** When (ms) the daily rules last ran. */
	dailyAt?: number;
}

/**
 * The rules due now (`now.dailyAt`: the time now): every rule with `all` (undefined: no
 * restriction), else the periodic rules, without the daily ones when the fiscal date is the one
 * `last` saw and the data has not moved since, or moved less than DAILY_RULES_ON_DATA_MS after
 * they last ran.
 */
export function rulesDue(
	all: boolean,
	last: PeriodicState | undefined,
	now: PeriodicState
): Set<RuleType> | undefined {
	if (all) return undefined;
	const due = new Set(PERIODIC_RULES);
	const sameDay = last !== undefined && last.asOf === now.asOf;
	const recent =
		last?.dailyAt !== undefined &&
		now.dailyAt !== undefined &&
		now.dailyAt - last.dailyAt < DAILY_RULES_ON_DATA_MS;
	if (sameDay && (last.seq === now.seq || recent)) for (const r of DAILY_RULES) due.delete(r);
	if (sameDay) for (const r of DAY_RULES) due.delete(r);
	return due;
}

/**
 * The scheduler's state after a run of `due`: what it saw, except that data the daily rules did
 * not judge yet stays pending (the newest event they judged is kept).
 */
export function afterRun(
	last: PeriodicState | undefined,
	now: PeriodicState,
	due: Set<RuleType> | undefined
): PeriodicState {
	if (due === undefined || due.has(DAILY_RULES[0])) return { ...now };
	return { asOf: now.asOf, seq: last?.seq, dailyAt: last?.dailyAt };
}
