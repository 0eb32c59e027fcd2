// Budget data: reference codes, units, plans, payments, revenue, assets and their rollups.
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	date,
	index,
	integer,
	jsonb,
	numeric,
	pgTable,
	primaryKey,
	serial,
	smallint,
	text,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/** Money in 元 with two decimals; drizzle returns it as a decimal string, never a float. */
const money = (name: string) => numeric(name, { precision: 20, scale: 2 });

/** 政府收支分类科目: function (支出功能), economic (部门经济), revenue (收入) classes with names. */
export const classificationCode = pgTable(
	'classification_code',
	{
		scheme: text('scheme').notNull(), // 'function' | 'economic' | 'revenue'
		code: text('code').notNull(),
		name: text('name').notNull(),
		nameEn: text('name_en')
	},
	(t) => [primaryKey({ columns: [t.scheme, t.code] })]
);

/** 预算单位: a first-level department (no parent) or a unit under its department. */
export const budgetUnit = pgTable('budget_unit', {
	code: text('code').primaryKey(),
	name: text('name').notNull(),
	parentCode: text('parent_code'),
	updatedAt: tsz('updated_at').notNull().defaultNow()
});

/**
 * A plan line is identified by year, budget kind, side and its codes; absent codes are ''.
 * availableAmount = adjustedAmount when an adjustment exists, else initialAmount.
 */
export const planLine = pgTable(
	'plan_line',
	{
		id: serial('id').primaryKey(),
		year: smallint('year').notNull(),
		budgetKind: text('budget_kind').notNull(),
		side: text('side').notNull(), // 'expenditure' | 'revenue'
		deptCode: text('dept_code').notNull().default(''),
		funcCode: text('func_code').notNull().default(''),
		econCode: text('econ_code').notNull().default(''),
		projectCode: text('project_code').notNull().default(''),
		subjectCode: text('subject_code').notNull().default(''),
		projectName: text('project_name'),
		initialAmount: money('initial_amount'),
		adjustedAmount: money('adjusted_amount'),
		availableAmount: money('available_amount').notNull(),
		adjustedOn: date('adjusted_on', { mode: 'string' }),
		updatedAt: tsz('updated_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('plan_line_key').on(
			t.year,
			t.budgetKind,
			t.side,
			t.deptCode,
			t.funcCode,
			t.econCode,
			t.projectCode,
			t.subjectCode
		),
		index('plan_line_dept').on(t.year, t.deptCode)
	]
);

/** Every plan record as received (initial and adjusted stages stay on record). */
export const planRecord = pgTable('plan_record', {
	id: text('id').primaryKey(),
	planLineId: integer('plan_line_id').notNull(),
	stage: text('stage').notNull(), // 'initial' | 'adjusted'
	amount: money('amount').notNull(),
	effectiveOn: date('effective_on', { mode: 'string' }),
	contentHash: text('content_hash').notNull(),
	batchId: text('batch_id').notNull(),
	receivedAt: tsz('received_at').notNull().defaultNow()
});

/** 国库支付: one treasury payment. fiscalDate/fiscalYear are taken in FISCAL_TZ at ingest. */
export const payment = pgTable(
	'payment',
	{
		id: text('id').primaryKey(),
		paidAt: tsz('paid_at').notNull(),
		fiscalDate: date('fiscal_date', { mode: 'string' }).notNull(),
		fiscalYear: smallint('fiscal_year').notNull(),
		budgetKind: text('budget_kind').notNull(),
		deptCode: text('dept_code').notNull(),
		agencyCode: text('agency_code').notNull().default(''),
		funcCode: text('func_code').notNull(),
		econCode: text('econ_code').notNull(),
		projectCode: text('project_code').notNull().default(''),
		amount: money('amount').notNull(),
		payType: text('pay_type'),
		payee: text('payee'),
		payeeKind: text('payee_kind'),
		purpose: text('purpose'),
		contentHash: text('content_hash').notNull(),
		batchId: text('batch_id').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow()
	},
	(t) => [
		index('payment_dept_date').on(t.deptCode, t.fiscalDate),
		index('payment_year_date').on(t.fiscalYear, t.fiscalDate),
		index('payment_paid_at_brin').using('brin', t.paidAt),
		// The overview's ticker of large payments (大额支付, ≥ 100万元): a small partial index.
		index('payment_notable')
			.on(t.budgetKind, t.fiscalDate, t.paidAt)
			.where(sql`amount >= 1000000`)
	]
);

/** 收入: one revenue collection. */
export const revenue = pgTable(
	'revenue',
	{
		id: text('id').primaryKey(),
		collectedAt: tsz('collected_at').notNull(),
		fiscalDate: date('fiscal_date', { mode: 'string' }).notNull(),
		fiscalYear: smallint('fiscal_year').notNull(),
		budgetKind: text('budget_kind').notNull(),
		subjectCode: text('subject_code').notNull(),
		amount: money('amount').notNull(),
		contentHash: text('content_hash').notNull(),
		batchId: text('batch_id').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow()
	},
	(t) => [index('revenue_year_date').on(t.fiscalYear, t.fiscalDate)]
);

export const revenueDaily = pgTable(
	'revenue_daily',
	{
		fiscalDate: date('fiscal_date', { mode: 'string' }).notNull(),
		budgetKind: text('budget_kind').notNull(),
		subjectCode: text('subject_code').notNull(),
		amount: money('amount').notNull(),
		recordCount: integer('record_count').notNull()
	},
	(t) => [primaryKey({ columns: [t.fiscalDate, t.budgetKind, t.subjectCode] })]
);

/** 国有资产: figures of one entity for one period; figures are decimal strings keyed by name. */
export const assetReport = pgTable(
	'asset_report',
	{
		id: text('id').primaryKey(),
		period: text('period').notNull(),
		category: text('category').notNull(),
		entityCode: text('entity_code').notNull(),
		entityName: text('entity_name').notNull(),
		/** Administrative reports: 'admin' 行政单位 or 'institution' 事业单位. */
		unitType: text('unit_type'),
		figures: jsonb('figures').notNull(),
		contentHash: text('content_hash').notNull(),
		batchId: text('batch_id').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow()
	},
	(t) => [index('asset_report_period').on(t.period, t.category)]
);

/** One received batch and the acknowledgement it got, so a re-sent batchId gets the same answer. */
export const ingestBatch = pgTable(
	'ingest_batch',
	{
		batchId: text('batch_id').primaryKey(),
		kind: text('kind').notNull(),
		source: text('source').notNull(),
		recordCount: integer('record_count').notNull(),
		accepted: integer('accepted').notNull(),
		duplicates: integer('duplicates').notNull(),
		rejectedCount: integer('rejected_count').notNull(),
		ack: jsonb('ack').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow(),
		durationMs: integer('duration_ms')
	},
	(t) => [index('ingest_batch_received').on(t.receivedAt)]
);

/** 隔离区: every record that was not stored, with its raw content and why. Nothing is lost. */
export const quarantine = pgTable(
	'quarantine',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		batchId: text('batch_id').notNull(),
		kind: text('kind').notNull(),
		recordIndex: integer('record_index'),
		recordId: text('record_id'),
		raw: jsonb('raw'),
		reason: text('reason').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow(),
		status: text('status').notNull().default('open'), // 'open' | 'resubmitted' | 'discarded'
		resolvedAt: tsz('resolved_at'),
		resolvedBy: integer('resolved_by'),
		/** The batch a corrected record was re-submitted in (status resubmitted). */
		resolvedBatchId: text('resolved_batch_id')
	},
	(t) => [index('quarantine_received').on(t.receivedAt)]
);

/** Per source (record kind): when data last arrived and how much, so pages can say how fresh they are. */
export const feedStatus = pgTable('feed_status', {
	source: text('source').primaryKey(),
	lastReceivedAt: tsz('last_received_at').notNull(),
	lastRecordAt: tsz('last_record_at'),
	lastBatchId: text('last_batch_id'),
	totalRecords: bigint('total_records', { mode: 'number' }).notNull().default(0)
});

/** Live events in commit order; seq is what clients resume from. */
export const liveEvent = pgTable('live_event', {
	seq: bigserial('seq', { mode: 'number' }).primaryKey(),
	topic: text('topic').notNull(),
	audience: text('audience').notNull().default('all'), // 'all' | 'staff' | 'admin'
	payload: jsonb('payload').notNull(),
	createdAt: tsz('created_at')
		.notNull()
		.default(sql`now()`)
});
