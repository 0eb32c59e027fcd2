/**
 * Alerts (预警): the one door the pages, the socket server and the scheduler use.
 *
 * Usage:
 *   import * as alerts from '$lib/server/alerts/index';
 *   const { rows } = await alerts.listAlerts(db, { year: 2026, status: 'active' });
 *   const preview = await alerts.previewRuleChange(db, 'paceLag', { params: { ...p, thresholds } });
 *
 * Inside: queries.ts and pages.ts read (findings are worked through their case: cases/workflow.ts);
 * rule-settings.ts and rule-changes.ts keep the rules; evaluation.ts reads (loaders/) and judges
 * (src/lib/domain/alerts/judges/) the data; engine.ts reconciles findings with the stored alerts;
 * on-ingest.ts is ingest's hook; delivery/ sends severe alerts to a webhook (a door of its own).
 */
export type { Explanation } from '../../domain/alerts/explanation';
export { ACTIVE_STATUSES, ALERT_STATUSES, type AlertStatus } from '../../domain/alerts/lifecycle';
export {
	DEFAULT_PARAMS,
	RULE_SCOPES,
	RULE_TYPES,
	type AlertLevel,
	type RuleParams,
	type RuleType,
	type ScopeKind
} from '../../domain/alerts/params';
export type { PeriodicState } from '../../domain/alerts/schedule';
export type { RuleProposal } from '../../domain/alerts/settings';
export type { AlertChange, AlertCounts } from '../../live/events';
export { AS_OF_RULES, evaluatePeriodic, evaluateYear, YEAR_RULES } from './evaluation';
export * from './pages';
export * from './queries';
export * from './rule-changes';
export * from './profile-changes';
export { loadProfiles } from './profiles';
export { ensureRules, ruleCatalogue, ruleConfig } from './rule-settings';
export type { RuleChangeEntry, RuleConfig, RuleSummary } from './rule-settings';
