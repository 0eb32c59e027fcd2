// 政府收支分类科目 by year: one row per code and the first year its entry applies.
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/**
 * A classification entry: the shipped reference table (source 'reference', the baseline year) or a
 * city's table loaded as `code` records (source 'loaded', with its batch). The year's table is, for
 * each code, the entry with the latest year not after it.
 */
export const classificationEntry = pgTable(
	'classification_entry',
	{
		scheme: text('scheme').notNull(), // 'function' | 'economic' | 'govEconomic' | 'revenue'
		code: text('code').notNull(),
		year: integer('year').notNull(),
		name: text('name').notNull(),
		nameEn: text('name_en'),
		source: text('source').notNull(), // 'reference' | 'loaded'
		batchId: text('batch_id'),
		loadedAt: tsz('loaded_at').notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.scheme, t.code, t.year] })]
);
