// Bulk loads of closed years (the worker's --bulk): staged batches, then one committing transaction per load.
import { index, integer, jsonb, numeric, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/** A staged batch of a bulk load, with the ack it was given (a re-sent batchId gets it again). */
export const bulkBatch = pgTable(
	'bulk_batch',
	{
		batchId: text('batch_id').primaryKey(),
		loadId: text('load_id').notNull(),
		/** The batch's place in its load (the worker's batch number): the load's order at commit. */
		part: integer('part').notNull(),
		source: text('source').notNull(),
		recordCount: integer('record_count').notNull(),
		staged: integer('staged').notNull(),
		ack: jsonb('ack').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow()
	},
	(t) => [index('bulk_batch_load').on(t.loadId, t.part)]
);

/** Payments of staged batches, as COPYed (the payment's fields, hash, batch and place); emptied at commit. */
export const bulkPaymentStage = pgTable('bulk_payment_stage', {
	id: text('id').notNull(),
	paidAt: tsz('paid_at').notNull(),
	budgetKind: text('budget_kind').notNull(),
	deptCode: text('dept_code').notNull(),
	agencyCode: text('agency_code'),
	funcCode: text('func_code').notNull(),
	econCode: text('econ_code').notNull(),
	projectCode: text('project_code'),
	amount: numeric('amount', { precision: 20, scale: 2 }).notNull(),
	payType: text('pay_type'),
	payee: text('payee'),
	payeeKind: text('payee_kind'),
	purpose: text('purpose'),
	contentHash: text('content_hash').notNull(),
	batchId: text('batch_id').notNull(),
	ord: integer('ord').notNull()
});

/** A committed bulk load: its counts, the answer it was given, and when the rules judged its years. */
export const bulkLoad = pgTable('bulk_load', {
	loadId: text('load_id').primaryKey(),
	source: text('source').notNull(),
	batches: integer('batches').notNull(),
	staged: integer('staged').notNull(),
	accepted: integer('accepted').notNull(),
	duplicates: integer('duplicates').notNull(),
	conflicts: integer('conflicts').notNull(),
	years: smallint('years').array().notNull(),
	answer: jsonb('answer').notNull(),
	committedAt: tsz('committed_at').notNull().defaultNow(),
	evaluatedAt: tsz('evaluated_at')
});
