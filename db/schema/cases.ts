// Cases (问题线索): the alerts (findings) grouped by subject, cause and period, each with one level,
// one lifecycle and its history; and the fiscal years closed into their summary.
import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	date,
	index,
	integer,
	numeric,
	pgTable,
	primaryKey,
	smallint,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/**
 * One case: a cause (spendingBehind, payments, overPlan, … or a rule type) for a subject and period.
 * At most one open or acknowledged case per key; closed cases stay on record.
 */
export const alertCase = pgTable(
	'alert_case',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		caseKey: text('case_key').notNull(),
		cause: text('cause').notNull(),
		subject: text('subject').notNull(),
		period: text('period').notNull(),
		year: smallint('year').notNull(),
		level: text('level').notNull(), // 'notice' | 'warning' | 'severe': the highest of its findings
		status: text('status').notNull().default('open'), // as alerts: open | acknowledged | resolved | dismissed | cleared
		/** Money involved, 元. */
		amount: numeric('amount', { precision: 20, scale: 2 }).notNull().default('0'),
		deptCode: text('dept_code'),
		funcCode: text('func_code'),
		projectCode: text('project_code'),
		/** The finding that names the case. */
		headlineAlertId: integer('headline_alert_id'),
		findingCount: integer('finding_count').notNull().default(0),
		/** Fiscal dates of the facts behind the case (payments, as-of dates): the month report reads them. */
		factFrom: date('fact_from', { mode: 'string' }),
		factTo: date('fact_to', { mode: 'string' }),
		/** Closed into its year's summary at year close (status kept as it was last). */
		closedByYearClose: boolean('closed_by_year_close').notNull().default(false),
		openedAt: tsz('opened_at').notNull().defaultNow(),
		updatedAt: tsz('updated_at').notNull().defaultNow(),
		closedAt: tsz('closed_at')
	},
	(t) => [
		uniqueIndex('alert_case_active_key')
			.on(t.caseKey)
			.where(sql`status in ('open', 'acknowledged')`),
		index('alert_case_year_status').on(t.year, t.status, t.level),
		index('alert_case_scope').on(t.year, t.deptCode),
		index('alert_case_facts').on(t.factFrom, t.factTo)
	]
);

/** The findings (alerts) of a case, its evidence; `position` 0 is the headline. */
export const alertCaseFinding = pgTable(
	'alert_case_finding',
	{
		caseId: integer('case_id').notNull(),
		alertId: integer('alert_id').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		primaryKey({ name: 'alert_case_finding_pk', columns: [t.caseId, t.alertId] }),
		index('alert_case_finding_alert').on(t.alertId)
	]
);

/** What happened to a case: opened, escalated, lowered, status changes by staff, cleared, year close. */
export const alertCaseHistory = pgTable(
	'alert_case_history',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		caseId: integer('case_id').notNull(),
		at: tsz('at').notNull().defaultNow(),
		actorUserId: integer('actor_user_id'), // null: the system
		kind: text('kind').notNull(), // 'opened' | 'escalated' | 'lowered' | 'status' | 'cleared' | 'yearClosed'
		fromLevel: text('from_level'),
		toLevel: text('to_level'),
		fromStatus: text('from_status'),
		toStatus: text('to_status'),
		note: text('note'),
		/** The finding this entry came from (history migrated from an alert). */
		alertId: integer('alert_id')
	},
	(t) => [index('alert_case_history_case').on(t.caseId, t.at)]
);

/** A fiscal year whose open cases were closed into its summary. */
export const fiscalYearClose = pgTable('fiscal_year_close', {
	year: smallint('year').primaryKey(),
	closedAt: tsz('closed_at').notNull().defaultNow(),
	casesClosed: integer('cases_closed').notNull().default(0)
});

/**
 * Case settings (one row, id 1; defaults when absent): the day of the next year (MM-DD) on which a
 * fiscal year closes — after its 决算 grace period — and its open cases go into its summary.
 */
export const caseSetting = pgTable('case_setting', {
	id: integer('id').primaryKey(),
	yearCloseOn: text('year_close_on').notNull().default('03-31'),
	updatedBy: integer('updated_by'),
	updatedAt: tsz('updated_at').notNull().defaultNow()
});
