/**
 * Ingest keys as credentials: generated, stored as SHA-256, identified when a sender presents one;
 * INGEST_KEYS adds bootstrap keys from the environment that live only in memory. What admins do with
 * keys (create, list, revoke, with audit and socket disconnects) is `accounts/ingest-keys.ts`.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../../db/client';
import { appUser, ingestKey } from '../../../../db/schema/index';

/** Prefix of keys this app creates, so a leaked one is recognisable in a secret scanner. */
export const KEY_PREFIX = 'qdk_';

export function hashIngestKey(key: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
}

export interface IngestIdentity {
	/** The database key's id; null for an INGEST_KEYS bootstrap key. */
	id: number | null;
	/** What ingest batches record as their source: the key's name, or `env:N`. */
	source: string;
}

/** Who a presented key is (an unrevoked database key or an INGEST_KEYS entry), or null. */
export async function identifyIngestKey(
	db: Db,
	key: unknown,
	bootstrapKeys: string[]
): Promise<IngestIdentity | null> {
	if (typeof key !== 'string' || key.length < 8 || key.length > 200) return null;
	const given = new TextEncoder().encode(hashIngestKey(key));
	for (const [i, k] of bootstrapKeys.entries()) {
		if (constantTimeEqual(given, new TextEncoder().encode(hashIngestKey(k))))
			return { id: null, source: `env:${i + 1}` };
	}
	const [row] = await db
		.select({ id: ingestKey.id, name: ingestKey.name, lastUsedAt: ingestKey.lastUsedAt })
		.from(ingestKey)
		.where(and(eq(ingestKey.keyHash, hashIngestKey(key)), isNull(ingestKey.revokedAt)))
		.limit(1);
	if (!row) return null;
	// Written at most once a minute: a busy worker should not turn every batch into an extra write.
	if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
		await db.update(ingestKey).set({ lastUsedAt: new Date() }).where(eq(ingestKey.id, row.id));
	return { id: row.id, source: row.name };
}

/** The source name of a valid key (`env:1` for the first INGEST_KEYS entry), or null. */
export async function authenticateIngestKey(
	db: Db,
	key: unknown,
	bootstrapKeys: string[]
): Promise<string | null> {
	return (await identifyIngestKey(db, key, bootstrapKeys))?.source ?? null;
}

/** Creates a key; the clear key is returned once and never stored. */
export async function createIngestKey(
	ex: Executor,
	input: { name: string; createdBy: number }
): Promise<{ id: number; key: string }> {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	const key = `${KEY_PREFIX}${encodeBase32LowerCaseNoPadding(bytes)}`;
	const [row] = await ex
		.insert(ingestKey)
		.values({ name: input.name, keyHash: hashIngestKey(key), createdBy: input.createdBy })
		.returning({ id: ingestKey.id });
	return { id: row.id, key };
}

export async function revokeIngestKey(ex: Executor, id: number): Promise<{ name: string } | null> {
	const [row] = await ex
		.update(ingestKey)
		.set({ revokedAt: new Date() })
		.where(and(eq(ingestKey.id, id), isNull(ingestKey.revokedAt)))
		.returning({ name: ingestKey.name });
	return row ?? null;
}

export interface IngestKeyRow {
	id: number;
	name: string;
	createdBy: string | null;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

/** Every database key, active first, newest first (never the key itself: only its hash is kept). */
export async function listIngestKeys(ex: Executor): Promise<IngestKeyRow[]> {
	return ex
		.select({
			id: ingestKey.id,
			name: ingestKey.name,
			createdBy: appUser.username,
			createdAt: ingestKey.createdAt,
			lastUsedAt: ingestKey.lastUsedAt,
			revokedAt: ingestKey.revokedAt
		})
		.from(ingestKey)
		.leftJoin(appUser, eq(appUser.id, ingestKey.createdBy))
		.orderBy(
			sql`${ingestKey.revokedAt} is not null`,
			desc(ingestKey.createdAt),
			desc(ingestKey.id)
		);
}
