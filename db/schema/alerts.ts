// Alerts (预警): the rule catalogue as data (defaults, per-scope overrides, every change), the
// alerts rules raise and each alert's history.
import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/** One row per rule type: whether it runs and its default thresholds (typed in src/lib/domain/alerts/params.ts). */
export const alertRule = pgTable('alert_rule', {
	type: text('type').primaryKey(),
	enabled: boolean('enabled').notNull().default(true),
	params: jsonb('params').notNull(),
	updatedAt: tsz('updated_at').notNull().defaultNow()
});

/** Thresholds of a rule for one department, function code (and the codes under it) or project. */
export const alertRuleOverride = pgTable(
	'alert_rule_override',
	{
		ruleType: text('rule_type').notNull(),
		scopeKind: text('scope_kind').notNull(), // 'department' | 'function' | 'project'
		scopeCode: text('scope_code').notNull(),
		params: jsonb('params').notNull(),
		updatedAt: tsz('updated_at').notNull().defaultNow()
	},
	(t) => [uniqueIndex('alert_rule_override_key').on(t.ruleType, t.scopeKind, t.scopeCode)]
);

/**
 * Every threshold change, kept for good: old and new params (null old = an override created, null
 * new = an override removed), who and when; revert_of names the change a revert undid.
 */
export const alertRuleChange = pgTable(
	'alert_rule_change',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		ruleType: text('rule_type').notNull(),
		scopeKind: text('scope_kind'), // null: the rule's defaults
		scopeCode: text('scope_code'),
		oldParams: jsonb('old_params'),
		newParams: jsonb('new_params'),
		oldEnabled: boolean('old_enabled'),
		newEnabled: boolean('new_enabled'),
		actorUserId: integer('actor_user_id'),
		at: tsz('at').notNull().defaultNow(),
		revertOf: integer('revert_of')
	},
	(t) => [index('alert_rule_change_rule').on(t.ruleType, t.at)]
);

/**
 * One alert: a rule fired for a subject (a department, a line, a payment…) in a period. At most one
 * open or acknowledged alert per (rule, subject, period); closed alerts stay on record.
 */
export const alert = pgTable(
	'alert',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		ruleType: text('rule_type').notNull(),
		subjectKey: text('subject_key').notNull(),
		period: text('period').notNull(),
		level: text('level').notNull(), // 'notice' | 'warning' | 'severe'
		status: text('status').notNull().default('open'), // 'open' | 'acknowledged' | 'resolved' | 'dismissed' | 'cleared'
		explanation: jsonb('explanation').notNull(),
		year: smallint('year').notNull(),
		deptCode: text('dept_code'),
		funcCode: text('func_code'),
		projectCode: text('project_code'),
		openedAt: tsz('opened_at').notNull().defaultNow(),
		updatedAt: tsz('updated_at').notNull().defaultNow(),
		closedAt: tsz('closed_at')
	},
	(t) => [
		uniqueIndex('alert_active_key')
			.on(t.ruleType, t.subjectKey, t.period)
			.where(sql`status in ('open', 'acknowledged')`),
		index('alert_active_dept')
			.on(t.ruleType, t.deptCode, t.period)
			.where(sql`status in ('open', 'acknowledged')`),
		index('alert_year_status').on(t.year, t.status, t.level),
		index('alert_subject').on(t.ruleType, t.subjectKey, t.period)
	]
);

/** What happened to an alert: opened, escalated or lowered by the engine, status changes by staff, cleared. */
export const alertHistory = pgTable(
	'alert_history',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		alertId: integer('alert_id').notNull(),
		at: tsz('at').notNull().defaultNow(),
		actorUserId: integer('actor_user_id'), // null: the system
		kind: text('kind').notNull(), // 'opened' | 'escalated' | 'lowered' | 'status' | 'cleared'
		fromLevel: text('from_level'),
		toLevel: text('to_level'),
		fromStatus: text('from_status'),
		toStatus: text('to_status'),
		note: text('note')
	},
	(t) => [index('alert_history_alert').on(t.alertId, t.at)]
);
