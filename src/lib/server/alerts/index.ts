/**
 * Alerts (预警): the one door the pages, the socket server and the scheduler use.
 *
 * Usage:
 *   import * as alerts from '$lib/server/alerts';
 *   const { rows } = await alerts.listAlerts(db, { year: 2026, status: 'active' });
 *   await alerts.changeAlertStatus(db, { id, to: 'acknowledged', note: '已与单位核实', actorId: user.id }, live);
 *   const preview = await alerts.previewRuleChange(db, 'paceLag', { params: { ...p, thresholds } });
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import {
	alert,
	alertHistory,
	alertRule,
	alertRuleChange,
	alertRuleOverride,
	appUser
} from '../../../../db/schema/index';
import type { Explanation } from '../../domain/alerts/explanation';
import {
	DEFAULT_PARAMS,
	RULE_SCOPES,
	RULE_TYPES,
	isRuleType,
	parseRuleParams,
	type AlertLevel,
	type Override,
	type RuleParams,
	type RuleType,
	type ScopeKind
} from '../../domain/alerts/params';
import { DEFAULT_FISCAL_TZ, fiscalDateOf, fiscalYearOf } from '../../domain/fiscal';
import type { AlertChange, AlertCounts } from '../../live/events';
import * as audit from '../audit';
import { commitChange, type Change, type NewLiveEvent } from '../write-path';
import type { LiveHub } from '../runtime';
import { countActive, loadSettings, plan, reconcile, type PlannedChange } from './engine';
import {
	judgeAssets,
	judgeFeed,
	judgeLines,
	judgePayments,
	judgeProgressRules,
	judgeQuality,
	judgeRevenue,
	loadLargePayments,
	loadNames,
	loadSpending,
	type Evaluation,
	type RuleSetting,
	type RuleSettings
} from './subjects';

export type { AlertLevel, RuleType, ScopeKind, RuleParams, Explanation, AlertCounts, AlertChange };
export { RULE_TYPES, RULE_SCOPES, DEFAULT_PARAMS };

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed', 'cleared'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ACTIVE_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged'];

// ---------------------------------------------------------------------------------------------
// Reading alerts

export interface AlertFilter {
	year?: number;
	/** 'active' = open or acknowledged. */
	status?: AlertStatus | AlertStatus[] | 'active';
	level?: AlertLevel | AlertLevel[];
	ruleType?: RuleType;
	deptCode?: string;
	/** Function code prefix. */
	funcCode?: string;
	limit?: number;
	offset?: number;
}

export interface AlertRow {
	id: number;
	ruleType: RuleType;
	subjectKey: string;
	period: string;
	level: AlertLevel;
	status: AlertStatus;
	summary: Explanation['summary'];
	year: number;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	openedAt: Date;
	updatedAt: Date;
	closedAt: Date | null;
}

/** Alerts matching the filter, most severe and most recently changed first; `total` ignores limit/offset. */
export async function listAlerts(
	ex: Executor,
	filter: AlertFilter = {}
): Promise<{ rows: AlertRow[]; total: number }> {
	const where: SQL[] = [];
	if (filter.year !== undefined) where.push(eq(alert.year, filter.year));
	if (filter.status === 'active') where.push(inArray(alert.status, [...ACTIVE_STATUSES]));
	else if (filter.status)
		where.push(
			inArray(alert.status, Array.isArray(filter.status) ? filter.status : [filter.status])
		);
	if (filter.level)
		where.push(inArray(alert.level, Array.isArray(filter.level) ? filter.level : [filter.level]));
	if (filter.ruleType) where.push(eq(alert.ruleType, filter.ruleType));
	if (filter.deptCode) where.push(eq(alert.deptCode, filter.deptCode));
	if (filter.funcCode)
		where.push(sql`${alert.funcCode} like ${filter.funcCode.replace(/[\\%_]/g, '') + '%'}`);
	const condition = where.length ? and(...where) : undefined;
	const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
	const [found, [{ n }]] = await Promise.all([
		ex
			.select()
			.from(alert)
			.where(condition)
			.orderBy(
				sql`case ${alert.level} when 'severe' then 3 when 'warning' then 2 else 1 end desc`,
				desc(alert.updatedAt),
				desc(alert.id)
			)
			.limit(limit)
			.offset(Math.max(filter.offset ?? 0, 0)),
		ex
			.select({ n: sql<number>`count(*)`.mapWith(Number) })
			.from(alert)
			.where(condition)
	]);
	return { rows: found.map(toRow), total: n };
}

function toRow(a: typeof alert.$inferSelect): AlertRow {
	return {
		id: a.id,
		ruleType: a.ruleType as RuleType,
		subjectKey: a.subjectKey,
		period: a.period,
		level: a.level as AlertLevel,
		status: a.status as AlertStatus,
		summary: (a.explanation as Explanation).summary,
		year: a.year,
		deptCode: a.deptCode,
		funcCode: a.funcCode,
		projectCode: a.projectCode,
		openedAt: a.openedAt,
		updatedAt: a.updatedAt,
		closedAt: a.closedAt
	};
}

export interface AlertHistoryEntry {
	at: Date;
	/** null: the system. */
	actor: { id: number; username: string; displayName: string | null } | null;
	kind: 'opened' | 'escalated' | 'lowered' | 'status' | 'cleared';
	fromLevel: AlertLevel | null;
	toLevel: AlertLevel | null;
	fromStatus: AlertStatus | null;
	toStatus: AlertStatus | null;
	note: string | null;
}

export interface AlertDetail extends AlertRow {
	explanation: Explanation;
	history: AlertHistoryEntry[];
	/** Where the rows behind the alert are: the payment ledger filtered, or a page of the subject. */
	rowsHref: string;
}

export async function alertDetail(ex: Executor, id: number): Promise<AlertDetail | null> {
	const [a] = await ex.select().from(alert).where(eq(alert.id, id));
	if (!a) return null;
	const history = await ex
		.select({ h: alertHistory, username: appUser.username, displayName: appUser.displayName })
		.from(alertHistory)
		.leftJoin(appUser, eq(appUser.id, alertHistory.actorUserId))
		.where(eq(alertHistory.alertId, id))
		.orderBy(alertHistory.at, alertHistory.id);
	return {
		...toRow(a),
		explanation: a.explanation as Explanation,
		history: history.map(({ h, username, displayName }) => ({
			at: h.at,
			actor:
				h.actorUserId === null
					? null
					: { id: h.actorUserId, username: username ?? '?', displayName: displayName ?? null },
			kind: h.kind as AlertHistoryEntry['kind'],
			fromLevel: h.fromLevel as AlertLevel | null,
			toLevel: h.toLevel as AlertLevel | null,
			fromStatus: h.fromStatus as AlertStatus | null,
			toStatus: h.toStatus as AlertStatus | null,
			note: h.note
		})),
		rowsHref: rowsHref(a)
	};
}

/** The link to the data behind an alert (pages: /payments ledger filters, /departments, /revenue, /assets, /feed). */
export function rowsHref(
	a: Pick<
		typeof alert.$inferSelect,
		'ruleType' | 'subjectKey' | 'year' | 'deptCode' | 'funcCode' | 'projectCode'
	>
): string {
	const q = new URLSearchParams({ year: String(a.year) });
	const kind = a.subjectKey.split(':')[0];
	if (['general', 'fund', 'capital', 'social'].includes(kind) && kind !== 'general')
		q.set('kind', kind);
	switch (a.ruleType as RuleType) {
		case 'largePayment':
			return `/payments/${encodeURIComponent(a.subjectKey)}`;
		case 'revenueLag':
			return `/revenue/${encodeURIComponent(a.subjectKey.split(':')[1] ?? '')}?${q}`;
		case 'soeLeverage':
		case 'capitalPreservation':
			return `/assets?${q}`;
		case 'feedStale':
			return '/feed';
		case 'dataQuality':
			if (a.subjectKey.startsWith('quarantine:')) return '/feed/quarantine';
			if (a.funcCode) q.set('func', a.funcCode);
			else q.set('dept', a.subjectKey.split(':')[1] ?? '');
			return `/payments?${q}`;
		case 'projectIdle':
			return `/departments/${encodeURIComponent(a.deptCode ?? '')}/projects/${encodeURIComponent(a.projectCode ?? '')}?${q}`;
		case 'paceLag':
			if (a.projectCode)
				return `/departments/${encodeURIComponent(a.deptCode ?? '')}/projects/${encodeURIComponent(a.projectCode)}?${q}`;
			if (a.deptCode) return `/departments/${encodeURIComponent(a.deptCode)}?${q}`;
			if (a.funcCode) return `/functions/${encodeURIComponent(a.funcCode)}?${q}`;
			return `/?${q}`;
		case 'threePublic':
			q.set('dept', a.deptCode ?? '');
			return `/payments?${q}&econ=302`;
		default:
			if (a.deptCode) q.set('dept', a.deptCode);
			if (a.funcCode) q.set('func', a.funcCode);
			if (a.projectCode) q.set('project', a.projectCode);
			return `/payments?${q}`;
	}
}

/** Active (open + acknowledged) alerts of a year by level: the overview's alert-count tile. */
export async function openAlertCounts(ex: Executor, year: number): Promise<AlertCounts> {
	return countActive(ex, year);
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: 待核实 open → 已反馈 acknowledged (note) → 已整改 resolved | 误报 dismissed

const TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
	open: ['acknowledged', 'dismissed'],
	acknowledged: ['resolved', 'dismissed'],
	resolved: [],
	dismissed: [],
	cleared: []
};

export type StatusChangeResult =
	{ ok: true; alert: AlertDetail } | { ok: false; error: string; status: 400 | 404 | 409 };

export interface StatusChange {
	id: number;
	to: AlertStatus;
	note?: string;
	actorId: number;
}

/** Moves an alert along its lifecycle, with history and the audit log, in one transaction. */
export async function changeAlertStatus(
	db: Db,
	change: StatusChange,
	live?: LiveHub
): Promise<StatusChangeResult> {
	const note = change.note?.trim() ?? '';
	if (!ALERT_STATUSES.includes(change.to))
		return { ok: false, status: 400, error: `to: must be one of ${ALERT_STATUSES.join(', ')}` };
	if (change.to === 'cleared' || change.to === 'open')
		return {
			ok: false,
			status: 400,
			error: `to: only the system ${change.to === 'open' ? 'opens' : 'clears'} alerts`
		};
	if (change.to === 'acknowledged' && note === '')
		return {
			ok: false,
			status: 400,
			error: 'note: say what was checked with the unit (已反馈 needs a note)'
		};
	if (note.length > 2000) return { ok: false, status: 400, error: 'note: at most 2000 characters' };
	return commitChange(db, live, async (tx): Promise<Change<StatusChangeResult>> => {
		const [a] = await tx.select().from(alert).where(eq(alert.id, change.id)).for('update');
		if (!a)
			return { result: { ok: false, status: 404, error: `alert ${change.id} does not exist` } };
		const from = a.status as AlertStatus;
		if (!TRANSITIONS[from].includes(change.to))
			return {
				result: {
					ok: false,
					status: 409,
					error: `status: an alert that is ${from} cannot become ${change.to}`
				}
			};
		const closing = change.to === 'resolved' || change.to === 'dismissed';
		await tx
			.update(alert)
			.set({ status: change.to, updatedAt: sql`now()`, closedAt: closing ? sql`now()` : null })
			.where(eq(alert.id, a.id));
		await tx.insert(alertHistory).values({
			alertId: a.id,
			actorUserId: change.actorId,
			kind: 'status',
			fromStatus: from,
			toStatus: change.to,
			fromLevel: a.level,
			toLevel: a.level,
			note: note || null
		});
		const [actor] = await tx
			.select({ id: appUser.id, username: appUser.username })
			.from(appUser)
			.where(eq(appUser.id, change.actorId));
		await audit.record(tx, {
			actor: actor ?? `user:${change.actorId}`,
			action: 'alert.status_changed',
			target: `alert:${a.id}`,
			detail: {
				rule: a.ruleType,
				subject: a.subjectKey,
				period: a.period,
				from,
				to: change.to,
				note: note || undefined
			}
		});
		const counts = await countActive(tx, a.year);
		return {
			result: { ok: true, alert: (await alertDetail(tx, a.id))! },
			events: [
				alertsEvent(
					[
						{
							id: a.id,
							ruleType: a.ruleType,
							level: a.level as AlertLevel,
							status: change.to,
							change: 'status'
						}
					],
					counts
				)
			]
		};
	});
}

function alertsEvent(changes: AlertChange[], counts: AlertCounts): NewLiveEvent {
	return { topic: 'alerts', audience: 'all', payload: { changes, counts } };
}

// ---------------------------------------------------------------------------------------------
// The rule catalogue

export interface RuleSummary {
	type: RuleType;
	enabled: boolean;
	params: RuleParams[RuleType];
	overrides: number;
	scopes: readonly ScopeKind[];
	activeAlerts: AlertCounts;
}

export async function ruleCatalogue(ex: Executor, year?: number): Promise<RuleSummary[]> {
	const settings = await loadSettings(ex);
	const counts = await rows<{ rule_type: string; level: AlertLevel; n: number }>(
		ex,
		sql`select rule_type, level, count(*)::int as n from alert where status in ('open', 'acknowledged')
			${year !== undefined ? sql`and year = ${year}` : sql``} group by 1, 2`
	);
	return RULE_TYPES.map((type) => {
		const s = settings[type];
		const active: AlertCounts = { notice: 0, warning: 0, severe: 0, total: 0 };
		for (const c of counts)
			if (c.rule_type === type) {
				active[c.level] = Number(c.n);
				active.total += Number(c.n);
			}
		return {
			type,
			enabled: s.enabled,
			params: s.params,
			overrides: s.overrides.length,
			scopes: RULE_SCOPES[type],
			activeAlerts: active
		};
	});
}

export interface RuleChangeEntry {
	id: number;
	at: Date;
	actor: { id: number; username: string } | null;
	scope: { kind: ScopeKind; code: string } | null;
	oldParams: unknown;
	newParams: unknown;
	oldEnabled: boolean | null;
	newEnabled: boolean | null;
	revertOf: number | null;
}

export interface RuleConfig<K extends RuleType = RuleType> {
	type: K;
	enabled: boolean;
	/** The catalogue's defaults from domain.md, for "reset". */
	catalogueDefaults: RuleParams[K];
	params: RuleParams[K];
	overrides: { scopeKind: ScopeKind; scopeCode: string; params: Partial<RuleParams[K]> }[];
	scopes: readonly ScopeKind[];
	changes: RuleChangeEntry[];
}

export async function ruleConfig<K extends RuleType>(
	ex: Executor,
	type: K
): Promise<RuleConfig<K> | null> {
	if (!isRuleType(type)) return null;
	const settings = await loadSettings(ex);
	const s = settings[type];
	const changes = await ex
		.select({ c: alertRuleChange, username: appUser.username })
		.from(alertRuleChange)
		.leftJoin(appUser, eq(appUser.id, alertRuleChange.actorUserId))
		.where(eq(alertRuleChange.ruleType, type))
		.orderBy(desc(alertRuleChange.id))
		.limit(200);
	return {
		type,
		enabled: s.enabled,
		catalogueDefaults: DEFAULT_PARAMS[type],
		params: s.params as RuleParams[K],
		overrides: s.overrides as RuleConfig<K>['overrides'],
		scopes: RULE_SCOPES[type],
		changes: changes.map(({ c, username }) => ({
			id: c.id,
			at: c.at,
			actor: c.actorUserId === null ? null : { id: c.actorUserId, username: username ?? '?' },
			scope: c.scopeKind ? { kind: c.scopeKind as ScopeKind, code: c.scopeCode ?? '' } : null,
			oldParams: c.oldParams,
			newParams: c.newParams,
			oldEnabled: c.oldEnabled,
			newEnabled: c.newEnabled,
			revertOf: c.revertOf
		}))
	};
}

/**
 * A proposed change to a rule: its defaults (no scope; params are merged over the current ones),
 * or one scope's override (params = the fields that differ; null removes the override), and/or
 * whether it runs.
 */
export interface RuleProposal<K extends RuleType = RuleType> {
	scope?: { kind: ScopeKind; code: string } | null;
	params?: Partial<RuleParams[K]> | null;
	enabled?: boolean;
}

export interface PreviewItem {
	action: 'open' | 'raise' | 'lower' | 'close';
	subjectKey: string;
	period: string;
	/** The subject in both languages. */
	label: Explanation['scopeLabel'];
	fromLevel?: AlertLevel;
	toLevel?: AlertLevel;
	explanation?: Explanation;
}

type Validated = { ok: true; settings: RuleSettings } | { ok: false; error: string };

async function proposedSettings(
	ex: Executor,
	type: RuleType,
	proposal: RuleProposal
): Promise<Validated> {
	const settings = await loadSettings(ex);
	const s = { ...settings[type], overrides: [...settings[type].overrides] } as RuleSetting;
	if (proposal.enabled !== undefined) s.enabled = proposal.enabled;
	if (proposal.scope) {
		const { kind, code } = proposal.scope;
		if (!RULE_SCOPES[type].includes(kind))
			return {
				ok: false,
				error: `scope: ${type} has no ${kind} overrides (allowed: ${RULE_SCOPES[type].join(', ') || 'none'})`
			};
		if (!/^[0-9A-Za-z_-]{1,40}$/.test(code))
			return { ok: false, error: 'scope.code: must be a code of letters, digits, - or _' };
		s.overrides = (s.overrides as Override<unknown>[]).filter(
			(o) => !(o.scopeKind === kind && o.scopeCode === code)
		) as never;
		if (proposal.params) {
			const merged = parseRuleParams(type, { ...s.params, ...proposal.params });
			if (!merged.ok) return { ok: false, error: `params.${merged.error}` };
			s.overrides.push({ scopeKind: kind, scopeCode: code, params: proposal.params as never });
		}
	} else if (proposal.params) {
		const merged = parseRuleParams(type, { ...s.params, ...proposal.params });
		if (!merged.ok) return { ok: false, error: `params.${merged.error}` };
		s.params = merged.params as never;
	}
	return { ok: true, settings: { ...settings, [type]: s } };
}

/** What saving the proposal would open, raise, lower or close against today's data. Writes nothing. */
export async function previewRuleChange(
	ex: Executor,
	type: RuleType,
	proposal: RuleProposal,
	options: { now?: Date; tz?: string } = {}
): Promise<{ ok: true; items: PreviewItem[] } | { ok: false; error: string }> {
	if (!isRuleType(type)) return { ok: false, error: `type: unknown rule ${type}` };
	const validated = await proposedSettings(ex, type, proposal);
	if (!validated.ok) return validated;
	const evaluations = await evaluateRule(
		ex,
		type,
		validated.settings,
		options.now ?? new Date(),
		options.tz ?? DEFAULT_FISCAL_TZ
	);
	const items: PreviewItem[] = [];
	for (const e of evaluations)
		for (const c of await plan(ex, e))
			if (c.action !== 'raise' || c.fromLevel !== c.toLevel) items.push(previewItem(c));
	return { ok: true, items };
}

function previewItem(c: PlannedChange): PreviewItem {
	const explanation = (c.finding?.explanation ??
		(c.alert?.explanation as Explanation | undefined)) as Explanation;
	return {
		action: c.action,
		subjectKey: c.finding?.subjectKey ?? c.alert!.subject_key,
		period: c.finding?.period ?? c.alert!.period,
		label: explanation.scopeLabel,
		fromLevel: c.fromLevel,
		toLevel: c.toLevel,
		explanation: c.finding?.explanation
	};
}

export type SaveResult =
	{ ok: true; changeId: number; changes: AlertChange[] } | { ok: false; error: string };

/** Validates and stores a rule change (old and new kept), re-evaluates the rule, emits live events, audits. */
export async function saveRuleChange(
	db: Db,
	type: RuleType,
	proposal: RuleProposal,
	actorId: number | null,
	live?: LiveHub,
	options: { now?: Date; tz?: string; revertOf?: number } = {}
): Promise<SaveResult> {
	if (!isRuleType(type)) return { ok: false, error: `type: unknown rule ${type}` };
	return commitChange(db, live, async (tx): Promise<Change<SaveResult>> => {
		const before = await loadSettings(tx);
		const validated = await proposedSettings(tx, type, proposal);
		if (!validated.ok) return { result: validated };
		const after = validated.settings[type];
		const old = before[type];
		let oldParams: unknown;
		let newParams: unknown;
		if (proposal.scope) {
			const { kind, code } = proposal.scope;
			oldParams =
				old.overrides.find((o) => o.scopeKind === kind && o.scopeCode === code)?.params ?? null;
			newParams = proposal.params ?? null;
			await tx
				.delete(alertRuleOverride)
				.where(
					and(
						eq(alertRuleOverride.ruleType, type),
						eq(alertRuleOverride.scopeKind, kind),
						eq(alertRuleOverride.scopeCode, code)
					)
				);
			if (newParams)
				await tx
					.insert(alertRuleOverride)
					.values({ ruleType: type, scopeKind: kind, scopeCode: code, params: newParams });
		} else {
			oldParams = old.params;
			newParams = after.params;
		}
		if (after.enabled !== old.enabled || !proposal.scope)
			await tx
				.update(alertRule)
				.set({ enabled: after.enabled, params: after.params, updatedAt: sql`now()` })
				.where(eq(alertRule.type, type));
		const [change] = await tx
			.insert(alertRuleChange)
			.values({
				ruleType: type,
				scopeKind: proposal.scope?.kind ?? null,
				scopeCode: proposal.scope?.code ?? null,
				oldParams,
				newParams,
				oldEnabled: old.enabled,
				newEnabled: after.enabled,
				actorUserId: actorId,
				revertOf: options.revertOf ?? null
			})
			.returning({ id: alertRuleChange.id });
		const [actor] =
			actorId === null
				? []
				: await tx
						.select({ id: appUser.id, username: appUser.username })
						.from(appUser)
						.where(eq(appUser.id, actorId));
		await audit.record(tx, {
			actor: actor ?? (actorId === null ? 'system' : `user:${actorId}`),
			action: options.revertOf ? 'rule.reverted' : 'rule.thresholds_changed',
			target: `rule:${type}${proposal.scope ? `:${proposal.scope.kind}:${proposal.scope.code}` : ''}`,
			detail: {
				change: change.id,
				old: oldParams,
				new: newParams,
				enabled: after.enabled,
				revertOf: options.revertOf
			}
		});
		const now = options.now ?? new Date();
		const tz = options.tz ?? DEFAULT_FISCAL_TZ;
		const changes = await reconcile(tx, await evaluateRule(tx, type, validated.settings, now, tz));
		return {
			result: { ok: true, changeId: change.id, changes },
			events:
				changes.length > 0
					? [alertsEvent(changes, await countActive(tx, fiscalYearOf(now, tz)))]
					: []
		};
	});
}

/** Restores what a change replaced, as a new change that names it. */
export async function revertRuleChange(
	db: Db,
	changeId: number,
	actorId: number | null,
	live?: LiveHub,
	options: { now?: Date; tz?: string } = {}
): Promise<SaveResult> {
	const [c] = await db.select().from(alertRuleChange).where(eq(alertRuleChange.id, changeId));
	if (!c) return { ok: false, error: `change ${changeId} does not exist` };
	if (!isRuleType(c.ruleType))
		return { ok: false, error: `change ${changeId} is of an unknown rule` };
	const proposal: RuleProposal = c.scopeKind
		? {
				scope: { kind: c.scopeKind as ScopeKind, code: c.scopeCode ?? '' },
				params: (c.oldParams as never) ?? null,
				enabled: c.oldEnabled ?? undefined
			}
		: { params: c.oldParams as never, enabled: c.oldEnabled ?? undefined };
	return saveRuleChange(db, c.ruleType, proposal, actorId, live, {
		...options,
		revertOf: changeId
	});
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** All rules over the current fiscal year as of `now` (and every asset report, the feed). */
async function evaluateRule(
	ex: Executor,
	type: RuleType,
	settings: RuleSettings,
	now: Date,
	tz: string
): Promise<Evaluation[]> {
	const all = await evaluateAll(ex, settings, now, tz, new Set([type]));
	return all.filter((e) => e.ruleType === type);
}

async function evaluateAll(
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
	if (
		wants(
			'overPlan',
			'noPlan',
			'threePublic',
			'paceLag',
			'q3LowExecution',
			'yearEndRush',
			'projectIdle'
		)
	) {
		const data = await loadSpending(ex, year, asOf);
		if (wants('overPlan', 'noPlan', 'threePublic'))
			out.push(...judgeLines(data, settings, names, { year }));
		if (wants('paceLag', 'q3LowExecution', 'yearEndRush', 'projectIdle'))
			out.push(...(await judgeProgressRules(ex, data, settings, names)));
	}
	if (wants('largePayment'))
		out.push(
			judgePayments(
				await loadLargePayments(ex, year, settings.largePayment),
				settings.largePayment,
				names,
				year
			)
		);
	if (wants('revenueLag')) out.push(await judgeRevenue(ex, year, asOf, settings.revenueLag, names));
	if (wants('soeLeverage', 'capitalPreservation')) out.push(...(await judgeAssets(ex, settings)));
	if (wants('feedStale')) out.push(await judgeFeed(ex, now, tz, settings.feedStale));
	if (wants('dataQuality')) out.push(await judgeQuality(ex, year, tz, settings.dataQuality));
	return only ? out.filter((e) => only.has(e.ruleType)) : out;
}

/** The rules that move with time alone (the date, the clock); the others follow the data on ingest. */
const PERIODIC_RULES: RuleType[] = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'projectIdle',
	'revenueLag',
	'feedStale',
	'dataQuality'
];
/** Of those, the ones only a new fiscal day or new data can change; the clock alone moves the rest. */
const DAILY_RULES: RuleType[] = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'projectIdle',
	'revenueLag'
];

/** What the scheduler's last run saw: the fiscal date and the newest live event it was evaluated against. */
export interface PeriodicState {
	asOf?: string;
	seq?: number;
}

/**
 * Periodic evaluation (every minute from server/boot.ts; month ends in the replay test): the rules
 * time moves, as of `now` in the fiscal time zone. `all` re-evaluates every rule (start-up, repair).
 * With `state` (the scheduler's), the daily rules are skipped while neither the fiscal date nor the
 * data changed since the previous run; the feed and data-quality rules run every time.
 */
export async function evaluatePeriodic(
	db: Db,
	now: Date,
	live?: LiveHub,
	options: { tz?: string; all?: boolean; state?: PeriodicState } = {}
): Promise<{ changes: AlertChange[]; counts: AlertCounts }> {
	const tz = options.tz ?? DEFAULT_FISCAL_TZ;
	const asOf = fiscalDateOf(now, tz);
	return commitChange(db, live, async (tx) => {
		const settings = await loadSettings(tx);
		const only: Set<RuleType> | undefined = options.all ? undefined : new Set(PERIODIC_RULES);
		let seq: number | undefined;
		if (options.state && only) {
			const [latest] = await rows<{ seq: number | null }>(
				tx,
				sql`select max(seq)::int as seq from live_event where topic <> 'alerts'`
			);
			seq = Number(latest.seq ?? 0);
			if (options.state.asOf === asOf && options.state.seq === seq)
				for (const r of DAILY_RULES) only.delete(r);
		}
		const evaluations = await evaluateAll(tx, settings, now, tz, only);
		const changes = await reconcile(tx, evaluations);
		const counts = await countActive(tx, Number(asOf.slice(0, 4)));
		if (options.state) Object.assign(options.state, { asOf, seq });
		return {
			result: { changes, counts },
			events: changes.length > 0 ? [alertsEvent(changes, counts)] : []
		};
	});
}
