/**
 * Evaluation: each rule's data read (loaders/), judged (domain/alerts/judges/) and, for the periodic
 * run, reconciled with the stored alerts. The periodic run is what the scheduler calls every minute.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import { judgeAssets } from '../../domain/alerts/judges/assets';
import { judgeAuditOverdue } from '../../domain/alerts/judges/audit';
import { judgeDebt } from '../../domain/alerts/judges/debt';
import type { Evaluation } from '../../domain/alerts/judges/evaluation';
import { judgeFeed } from '../../domain/alerts/judges/feed';
import { judgeLines } from '../../domain/alerts/judges/lines';
import type { Names } from '../../domain/alerts/judges/labels';
import {
	judgeDuplicatePayments,
	judgeSplitPayments
} from '../../domain/alerts/judges/payment-patterns';
import { judgePayments } from '../../domain/alerts/judges/payments';
import { judgeProgressRules, judgesYearEnd } from '../../domain/alerts/judges/progress';
import { judgeQuality, type QualityTouch } from '../../domain/alerts/judges/quality';
import { judgeRevenue, revenueWindow } from '../../domain/alerts/judges/revenue';
import type { SpendingData } from '../../domain/alerts/judges/spending';
import { RULE_TYPES, type RuleSettings, type RuleType } from '../../domain/alerts/params';
import { afterRun, rulesDue, type PeriodicState } from '../../domain/alerts/schedule';
import { DEFAULT_FISCAL_TZ, fiscalDateOf } from '../../domain/fiscal';
import { type FiscalDate } from '../../domain/calendar';
import { parseInstant } from '../../domain/instant';
import type { AlertChange, AlertCounts } from '../../live/events';
import type { LiveHub } from '../runtime';
import { commitChange } from '../write-path';
import { reconcile } from './engine';
import { alertsEvent } from './live';
import { loadEnterpriseReports } from './loaders/assets';
import { loadOverdueCandidates } from './loaders/audit';
import { loadDebtRows, loadDebtService } from './loaders/debt';
import { loadFeedLastRecord } from './loaders/feed';
import { loadNames } from './loaders/names';
import { loadDuplicateCandidates, loadSplitCandidates } from './loaders/payment-patterns';
import { loadLargePayments } from './loaders/payments';
import { loadQualityCounts } from './loaders/quality';
import { loadRevenueLines } from './loaders/revenue';
import { loadDecember, loadLastPaid, loadSpending } from './loaders/spending';
import { closeDueYears } from '../cases/year-close';
import { openAlertCounts } from './queries';
import { loadSettings } from './rule-settings';

/** The date-driven spending rules, with the project facts they need read only when they need them. */
async function progressEvaluations(
	ex: Executor,
	data: SpendingData,
	settings: RuleSettings,
	names: Names
): Promise<Evaluation[]> {
	const { year, asOf } = data;
	const kinds = new Set([
		...data.lines.map((l) => l.budgetKind),
		...data.spending.map((s) => s.budgetKind)
	]);
	const [lastPaid, december] = await Promise.all([
		settings.projectIdle.enabled ? loadLastPaid(ex, year, asOf) : undefined,
		judgesYearEnd(settings, year, asOf) ? loadDecember(ex, year, asOf, kinds) : undefined
	]);
	return judgeProgressRules(data, settings, names, { lastPaid, december });
}

/** 化整为零 and 重复支付 over the year's payments (each read only when its rule runs). */
export async function paymentPatternEvaluations(
	ex: Executor,
	settings: RuleSettings,
	names: Names,
	year: number,
	tz: string
): Promise<Evaluation[]> {
	const [splits, duplicates] = await Promise.all([
		settings.splitPayment.enabled ? loadSplitCandidates(ex, year, settings.splitPayment) : [],
		settings.duplicatePayment.enabled
			? loadDuplicateCandidates(ex, year, settings.duplicatePayment)
			: []
	]);
	return [
		judgeSplitPayments(splits, settings.splitPayment, names, year, tz),
		judgeDuplicatePayments(duplicates, settings.duplicatePayment, names, year, tz)
	];
}

/** 收入进度 of the year as of a date. */
export async function revenueEvaluation(
	ex: Executor,
	year: number,
	asOf: FiscalDate,
	setting: RuleSettings['revenueLag'],
	names: Names
): Promise<Evaluation> {
	const window = revenueWindow(year, asOf);
	const lines = setting.enabled ? await loadRevenueLines(ex, year, window) : [];
	return judgeRevenue(year, window, lines, setting, names);
}

/** Every enterprise report's leverage and capital preservation. */
export async function assetEvaluations(
	ex: Executor,
	settings: RuleSettings
): Promise<Evaluation[]> {
	return judgeAssets(await loadEnterpriseReports(ex), settings);
}

/** 审计整改逾期 as of a fiscal date: every finding not rectified after its due date. */
export async function auditOverdueEvaluation(
	ex: Executor,
	asOf: FiscalDate,
	settings: RuleSettings
): Promise<Evaluation> {
	const candidates = settings.auditOverdue.enabled ? await loadOverdueCandidates(ex, asOf) : [];
	return judgeAuditOverdue(candidates, asOf, settings.auditOverdue);
}

/** 债务率 of every year on record, and the current year's debt service against its schedule. */
export async function debtEvaluations(
	ex: Executor,
	settings: RuleSettings,
	year: number,
	asOf: FiscalDate
): Promise<Evaluation[]> {
	const [debt, service] = await Promise.all([
		loadDebtRows(ex),
		settings.debtService.enabled ? loadDebtService(ex, year, asOf) : null
	]);
	return judgeDebt(debt, settings, service ?? undefined);
}

/** Data quality of the year (everything, or what a batch touched). */
export async function qualityEvaluation(
	ex: Executor,
	year: number,
	tz: string,
	setting: RuleSettings['dataQuality'],
	touch?: QualityTouch
): Promise<Evaluation> {
	const counts = setting.enabled
		? await loadQualityCounts(ex, year, tz, touch)
		: { quarantined: [], unknownFunc: [], unknownUnit: [] };
	return judgeQuality(year, counts, setting, touch);
}

/** Rules over the current fiscal year as of `now` (and every asset report, the feed); `only` narrows. */
export async function evaluateAll(
	ex: Executor,
	settings: RuleSettings,
	now: Date,
	tz: string,
	only?: Set<RuleType>
): Promise<Evaluation[]> {
	const asOf = fiscalDateOf(now, tz);
	const year = Number(asOf.slice(0, 4));
	const wants = (...types: RuleType[]) => !only || types.some((t) => only.has(t));
	const names = await loadNames(ex);
	const out: Evaluation[] = [];
	const lineRules: RuleType[] = ['overPlan', 'noPlan', 'threePublic'];
	const progressRules: RuleType[] = ['paceLag', 'q3LowExecution', 'yearEndRush', 'projectIdle'];
	if (wants(...lineRules, ...progressRules)) {
		const data = await loadSpending(ex, year, asOf);
		if (wants(...lineRules)) out.push(...judgeLines(data, settings, names, { year }));
		if (wants(...progressRules))
			out.push(...(await progressEvaluations(ex, data, settings, names)));
	}
	if (wants('largePayment')) {
		const payments = await loadLargePayments(ex, year, settings.largePayment);
		out.push(judgePayments(payments, settings.largePayment, names, year));
	}
	if (wants('splitPayment', 'duplicatePayment'))
		out.push(...(await paymentPatternEvaluations(ex, settings, names, year, tz)));
	if (wants('revenueLag'))
		out.push(await revenueEvaluation(ex, year, asOf, settings.revenueLag, names));
	if (wants('soeLeverage', 'capitalPreservation'))
		out.push(...(await assetEvaluations(ex, settings)));
	if (wants('auditOverdue')) out.push(await auditOverdueEvaluation(ex, asOf, settings));
	if (wants('debtRatio', 'debtService'))
		out.push(...(await debtEvaluations(ex, settings, year, asOf)));
	if (wants('feedStale'))
		out.push(judgeFeed(await loadFeedLastRecord(ex), now, tz, settings.feedStale));
	if (wants('dataQuality')) out.push(await qualityEvaluation(ex, year, tz, settings.dataQuality));
	return only ? out.filter((e) => only.has(e.ruleType)) : out;
}

/** One rule over the current fiscal year as of `now`, under the given settings. */
export async function evaluateRule(
	ex: Executor,
	type: RuleType,
	settings: RuleSettings,
	now: Date,
	tz: string
): Promise<Evaluation[]> {
	const all = await evaluateAll(ex, settings, now, tz, new Set([type]));
	return all.filter((e) => e.ruleType === type);
}

/**
 * The rules that judge one fiscal year's own data (its plan, payments, revenue, debt schedule, data
 * quality). The others judge what is on record as of a date — every enterprise report, every audit
 * finding against its due date, every year's debt ratio, the feed — so judging a past year as of its
 * end with them would re-judge today's cases as of then (clear an audit finding overdue today, open
 * one for the closed year).
 */
export const AS_OF_RULES: ReadonlySet<RuleType> = new Set<RuleType>([
	'soeLeverage',
	'capitalPreservation',
	'auditOverdue',
	'debtRatio',
	'feedStale'
]);
export const YEAR_RULES: ReadonlySet<RuleType> = new Set(
	RULE_TYPES.filter((type) => !AS_OF_RULES.has(type))
);

/**
 * Periodic evaluation (every minute from server/boot.ts; month ends in the replay test): the rules
 * time moves, as of `now` in the fiscal time zone. `all` re-evaluates every rule (start-up, repair).
 * With `state` (the scheduler's), the daily rules are skipped while neither the fiscal date nor the
 * data changed since the previous run, and new data alone runs them at most every 10 minutes
 * (DAILY_RULES_ON_DATA_MS); the feed and data-quality rules run every time.
 */
export async function evaluatePeriodic(
	db: Db,
	now: Date,
	live?: LiveHub,
	options: {
		tz?: string;
		all?: boolean;
		state?: PeriodicState;
		/** Only these rules (a past year's data judged as of its end: YEAR_RULES). */
		rules?: ReadonlySet<RuleType>;
	} = {}
): Promise<{ changes: AlertChange[]; counts: AlertCounts }> {
	const tz = options.tz ?? DEFAULT_FISCAL_TZ;
	const asOf = fiscalDateOf(now, tz);
	return commitChange(db, live, async (tx) => {
		const settings = await loadSettings(tx);
		// The newest data event (alerts' own do not count): the scheduler's state compares it.
		const seq = options.state && !options.all ? await latestDataSeq(tx) : undefined;
		const seen = { asOf, seq, dailyAt: now.getTime() };
		const due = rulesDue(options.all ?? false, options.state, seen);
		const rules = options.rules;
		const only = rules ? new Set([...(due ?? RULE_TYPES)].filter((r) => rules.has(r))) : due;
		const evaluations = await evaluateAll(tx, settings, now, tz, only);
		// Then the fiscal years whose close day has come (their open cases go into the year summary).
		const changes = [...(await reconcile(tx, evaluations)), ...(await closeDueYears(tx, asOf))];
		const counts = await openAlertCounts(tx, Number(asOf.slice(0, 4)));
		if (options.state) Object.assign(options.state, afterRun(options.state, seen, only));
		return {
			result: { changes, counts },
			events: changes.length > 0 ? [alertsEvent(changes, counts)] : []
		};
	});
}

/** The last second of a fiscal year, the instant a past year's own rules are judged as of. */
export function yearEnd(year: number, tz: string): Date {
	return parseInstant(`${year}-12-31T23:59:59`, tz)!.instant;
}

/**
 * The rules over one loaded fiscal year (a seed's year, a bulk-loaded one): the current year as of
 * now; a past year by its own year's rules as of its last day and by the rules over what is on
 * record (AS_OF_RULES: audit findings against their due dates, enterprise reports, debt ratios, the
 * feed) as of now, so what the year brought (its audit list's findings overdue today) counts at once
 * and today's cases are not re-judged as of then.
 */
export async function evaluateYear(
	db: Db,
	year: number,
	now: Date,
	live?: LiveHub,
	tz: string = DEFAULT_FISCAL_TZ
): Promise<void> {
	const end = yearEnd(year, tz);
	if (end >= now) {
		await evaluatePeriodic(db, now, live, { tz, all: true });
		return;
	}
	await evaluatePeriodic(db, end, live, { tz, all: true, rules: YEAR_RULES });
	await evaluatePeriodic(db, now, live, { tz, all: true, rules: AS_OF_RULES });
}

async function latestDataSeq(ex: Executor): Promise<number> {
	const [latest] = await rows<{ seq: number | null }>(
		ex,
		sql`select max(seq)::int as seq from live_event where topic <> 'alerts'`
	);
	return Number(latest.seq ?? 0);
}
