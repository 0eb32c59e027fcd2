// Subject profiles of the alert rules (issue 17): per rule and code prefix, lines a rule leaves out,
// judges on their own schedule or judges with other thresholds (typed in
// src/lib/domain/alerts/profiles.ts), and every change to them.
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/** One profile: a rule's treatment of the lines under a function ('func') or economic ('econ') code prefix. */
export const alertProfile = pgTable(
	'alert_profile',
	{
		ruleType: text('rule_type').notNull(),
		codeKind: text('code_kind').notNull(), // 'func' | 'econ'
		codePrefix: text('code_prefix').notNull(),
		mode: text('mode').notNull(), // 'excluded' | 'schedule' | 'thresholds'
		params: jsonb('params'), // thresholds only: the fields that differ from the rule's
		note: text('note').notNull().default(''),
		updatedAt: tsz('updated_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ name: 'alert_profile_pk', columns: [t.ruleType, t.codeKind, t.codePrefix] })]
);

/** Every profile change, kept for good: old and new profile (null old = created, null new = removed), who and when. */
export const alertProfileChange = pgTable(
	'alert_profile_change',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		ruleType: text('rule_type').notNull(),
		codeKind: text('code_kind').notNull(),
		codePrefix: text('code_prefix').notNull(),
		oldProfile: jsonb('old_profile'),
		newProfile: jsonb('new_profile'),
		actorUserId: integer('actor_user_id'),
		at: tsz('at').notNull().defaultNow()
	},
	(t) => [index('alert_profile_change_rule').on(t.ruleType, t.at)]
);
