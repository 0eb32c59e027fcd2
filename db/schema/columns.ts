// Column kinds every table file uses. Not exported from index.ts: they are builders, not tables.
import { timestamp } from 'drizzle-orm/pg-core';

/** A point in time (`timestamptz`), read as a Date. */
export const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
