// Government debt (政府债务): limits, balances and flows of 一般债务 and 专项债务 by year or month.
import { index, numeric, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/** Money in 元 with two decimals, read as a decimal string. */
const money = (name: string) => numeric(name, { precision: 20, scale: 2 });

/** One `debt` record: a debt type's figures for a year ("2026") or a month ("2026-03"). */
export const debtRecord = pgTable(
	'debt_record',
	{
		id: text('id').primaryKey(),
		period: text('period').notNull(),
		year: smallint('year').notNull(),
		/** Null for a year's record. */
		month: smallint('month'),
		debtType: text('debt_type').notNull(), // 'general' | 'special'
		limit: money('debt_limit').notNull(),
		balance: money('balance').notNull(),
		issued: money('issued'),
		refinanced: money('refinanced'),
		principalRepaid: money('principal_repaid'),
		interestPaid: money('interest_paid'),
		principalDue: money('principal_due'),
		interestDue: money('interest_due'),
		capacity: money('capacity'),
		contentHash: text('content_hash').notNull(),
		batchId: text('batch_id').notNull(),
		receivedAt: tsz('received_at').notNull().defaultNow()
	},
	(t) => [index('debt_record_year').on(t.year, t.month, t.debtType)]
);
