/**
 * Rule settings as data: built from the stored rules and overrides, and a proposed change
 * (defaults, one scope's override, on/off) checked and applied to them. Pure; the server stores them.
 */
import {
	DEFAULT_PARAMS,
	RULE_SCOPES,
	isRuleType,
	parseRuleParams,
	type Override,
	type RuleParams,
	type RuleSetting,
	type RuleSettings,
	type RuleType,
	type ScopeKind
} from './params';
import type { Profile } from './profiles';

export interface StoredRule {
	type: string;
	enabled: boolean;
	params: unknown;
}

export interface StoredOverride {
	ruleType: string;
	scopeKind: string;
	scopeCode: string;
	params: unknown;
}

/** The settings of the stored rules; params stored before a field was added get it from the defaults. */
export function settingsFrom(
	rules: readonly StoredRule[],
	overrides: readonly StoredOverride[],
	profiles: readonly Profile[] = []
): RuleSettings {
	const settings = {} as Record<RuleType, RuleSetting>;
	for (const r of rules) {
		if (!isRuleType(r.type)) continue;
		const parsed = parseRuleParams(r.type, { ...DEFAULT_PARAMS[r.type], ...(r.params as object) });
		settings[r.type] = {
			type: r.type,
			enabled: r.enabled,
			params: parsed.ok ? parsed.params : DEFAULT_PARAMS[r.type],
			overrides: []
		} as RuleSetting;
	}
	for (const o of overrides) {
		if (!isRuleType(o.ruleType) || !settings[o.ruleType]) continue;
		settings[o.ruleType].overrides.push({
			scopeKind: o.scopeKind as never,
			scopeCode: o.scopeCode,
			params: o.params as never
		});
	}
	for (const p of profiles) {
		const s = isRuleType(p.ruleType) ? settings[p.ruleType] : undefined;
		if (s) (s.profiles ??= []).push(p as never);
	}
	return settings as unknown as RuleSettings;
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

export type ProposedSettings = { ok: true; settings: RuleSettings } | { ok: false; error: string };

/** The settings as they would be with the proposal, or what is wrong with it (the field named). */
export function applyProposal(
	settings: RuleSettings,
	type: RuleType,
	proposal: RuleProposal
): ProposedSettings {
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
