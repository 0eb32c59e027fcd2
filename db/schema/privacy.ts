/**
 * The names of payees that are persons (payee kind 'person' or not given), kept so that a person's
 * name inside an organisation's 用途 can be masked for those who may not see it. Filled by a
 * trigger on every insert into `payment` (migration 0007_privacy), whatever path the insert takes;
 * append-only.
 */
import { pgTable, serial, text } from 'drizzle-orm/pg-core';

export const personName = pgTable('person_name', {
	id: serial('id').primaryKey(),
	name: text('name').notNull().unique()
});
