// The audit log: who did what and when (sign-ins, role, key and display changes, threshold and
// alert status changes, quarantine re-submissions). Append-only; never holds secrets.
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
		actorUserId: integer('actor_user_id'),
		/** A readable actor: user name, `display:<name>`, `ingest:<key name>` or `system`. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		target: text('target'),
		detail: jsonb('detail'),
		ip: text('ip')
	},
	(t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action, t.at)]
);
