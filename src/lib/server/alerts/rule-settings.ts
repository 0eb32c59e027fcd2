/** The alert rules as stored: their settings, the catalogue with active counts, one rule's configuration and changes. */
import { desc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { alertRuleChange, appUser } from '../../../../db/schema/index';
import {
	DEFAULT_PARAMS,
	RULE_SCOPES,
	RULE_TYPES,
	isRuleType,
	type AlertLevel,
	type RuleParams,
	type RuleSettings,
	type RuleType,
	type ScopeKind
} from '../../domain/alerts/params';
import { settingsFrom } from '../../domain/alerts/settings';
import { loadProfiles } from './profiles';
import type { AlertCounts } from '../../live/events';

/** Inserts the catalogue's defaults for rule types not yet stored (start-up and every evaluation's first read). */
export async function ensureRules(ex: Executor): Promise<void> {
	const input = RULE_TYPES.map((type) => ({ type, params: DEFAULT_PARAMS[type] }));
	await ex.execute(sql`insert into alert_rule (type, enabled, params)
		select type, true, params from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(type text, params jsonb)
		on conflict (type) do nothing`);
}

/** Every rule's settings as evaluated (the catalogue's defaults stored first when a rule is missing). */
export async function loadSettings(ex: Executor): Promise<RuleSettings> {
	const readRules = () =>
		rows<{ type: string; enabled: boolean; params: unknown }>(
			ex,
			sql`select type, enabled, params from alert_rule`
		);
	let [rules, overrides] = await Promise.all([
		readRules(),
		rows<{ rule_type: string; scope_kind: string; scope_code: string; params: unknown }>(
			ex,
			sql`select rule_type, scope_kind, scope_code, params from alert_rule_override order by rule_type, scope_kind, scope_code`
		)
	]);
	const profiles = await loadProfiles(ex);
	if (rules.length < RULE_TYPES.length) {
		await ensureRules(ex);
		rules = await readRules();
	}
	return settingsFrom(
		rules,
		overrides.map((o) => ({
			ruleType: o.rule_type,
			scopeKind: o.scope_kind,
			scopeCode: o.scope_code,
			params: o.params
		})),
		profiles
	);
}

export interface RuleSummary {
	type: RuleType;
	enabled: boolean;
	params: RuleParams[RuleType];
	overrides: number;
	scopes: readonly ScopeKind[];
	activeAlerts: AlertCounts;
}

/** Every rule with its settings and its active alerts (of the year, when given) by level. */
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

/** One rule's settings and its last 200 changes, newest first; null for an unknown rule. */
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
