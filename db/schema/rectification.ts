// Audit rectification (审计整改): an audit year's findings, item by item to 销号, and every change to
// them. (audit.ts is the account audit log, a different thing.)
import { bigserial, date, index, integer, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

const money = (name: string) => numeric(name, { precision: 20, scale: 2 });

/** One finding of an audit report: received as an `audit` record or created by staff. */
export const auditFinding = pgTable(
	'audit_finding',
	{
		id: text('id').primaryKey(),
		year: integer('year').notNull(),
		report: text('report'),
		/** The unit's code when it is known (a budget unit), else null and the name alone. */
		unitCode: text('unit_code'),
		unitName: text('unit_name').notNull(),
		category: text('category').notNull(),
		description: text('description').notNull(),
		amount: money('amount'),
		type: text('type').notNull(), // 'immediate' | 'staged' | 'ongoing'
		dueDate: date('due_date', { mode: 'string' }).notNull(),
		status: text('status').notNull().default('open'), // 'open' | 'partial' | 'done' | 'closed'
		amountRectified: money('amount_rectified').notNull().default('0'),
		measures: text('measures'),
		rulesIssued: text('rules_issued'),
		accountability: text('accountability'),
		/** When it last became 已整改 or 销号 (null while it is not). */
		rectifiedAt: tsz('rectified_at'),
		source: text('source').notNull(), // the ingest key's name, or 'staff'
		contentHash: text('content_hash'),
		batchId: text('batch_id'),
		createdAt: tsz('created_at').notNull().defaultNow(),
		updatedAt: tsz('updated_at').notNull().defaultNow()
	},
	(t) => [
		index('audit_finding_year').on(t.year, t.unitCode),
		index('audit_finding_unit').on(t.unitCode)
	]
);

/** Every change to a finding: a field's old and new value, who and when ('created' when it arrived). */
export const auditFindingHistory = pgTable(
	'audit_finding_history',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		findingId: text('finding_id')
			.notNull()
			.references(() => auditFinding.id),
		at: tsz('at').notNull().defaultNow(),
		actorId: integer('actor_id'),
		actor: text('actor').notNull(),
		field: text('field').notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value')
	},
	(t) => [index('audit_finding_history_finding').on(t.findingId, t.at)]
);
