// Accounts and credentials. Secrets are stored only as hashes.
import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

export const appUser = pgTable('app_user', {
	id: serial('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	role: text('role').notNull(), // 'member' | 'staff' | 'admin'
	passwordHash: text('password_hash').notNull(),
	createdAt: tsz('created_at').notNull().defaultNow(),
	disabledAt: tsz('disabled_at')
});

/** A session token is `id.secret`; only SHA-256 of the secret is kept. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: integer('user_id').notNull(),
		createdAt: tsz('created_at').notNull().defaultNow(),
		expiresAt: tsz('expires_at').notNull(),
		lastSeenAt: tsz('last_seen_at').notNull().defaultNow()
	},
	(t) => [index('session_user').on(t.userId)]
);

/** Keys that ingest workers present; INGEST_KEYS adds bootstrap keys from the environment. */
export const ingestKey = pgTable('ingest_key', {
	id: serial('id').primaryKey(),
	name: text('name').notNull(),
	keyHash: text('key_hash').notNull().unique(),
	createdBy: integer('created_by'),
	createdAt: tsz('created_at').notNull().defaultNow(),
	revokedAt: tsz('revoked_at'),
	lastUsedAt: tsz('last_used_at')
});
