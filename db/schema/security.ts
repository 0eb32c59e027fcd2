// Wall displays and sign-in throttling. Secrets (claim codes, device credentials) are stored only
// as SHA-256 hashes; throttle keys for accounts are hashed too, so attempted user names are not kept.
import { index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { tsz } from './columns';

/**
 * 大屏: a registered wall display. An admin creates it and gets a one-time claim code (kept as a
 * hash until claimed or expired); the display claims it once and receives a device credential
 * `d<id>.<secret>` whose secret's hash is kept here. Revoking sets revokedAt; nothing is deleted.
 */
export const wallDisplay = pgTable(
	'wall_display',
	{
		id: serial('id').primaryKey(),
		name: text('name').notNull(),
		/** The screens it rotates through: `[{ screen, seconds, params? }]` (see src/lib/wall/screens.ts). */
		playlist: jsonb('playlist').notNull(),
		claimCodeHash: text('claim_code_hash'),
		claimExpiresAt: tsz('claim_expires_at'),
		credentialHash: text('credential_hash'),
		claimedAt: tsz('claimed_at'),
		createdBy: integer('created_by'),
		createdAt: tsz('created_at').notNull().defaultNow(),
		revokedAt: tsz('revoked_at'),
		revokedBy: integer('revoked_by'),
		lastSeenAt: tsz('last_seen_at')
	},
	(t) => [uniqueIndex('wall_display_claim_code').on(t.claimCodeHash)]
);

/**
 * Failed sign-in (and display-claim) attempts per key in a fixed window: `account:<sha256 of the
 * lower-cased name>`, `address:<ip>` or `claim:<ip>`. Shared by every app server through the database.
 */
export const loginThrottle = pgTable(
	'login_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull(),
		windowStartedAt: tsz('window_started_at').notNull(),
		blockedUntil: tsz('blocked_until')
	},
	(t) => [index('login_throttle_window').on(t.windowStartedAt)]
);
