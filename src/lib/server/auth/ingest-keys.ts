// Ingest keys: admins create them (stored as SHA-256), INGEST_KEYS adds bootstrap keys.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { ingestKey } from '../../../../db/schema/index';

export function hashIngestKey(key: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
}

/** The source name of a valid key (`env:1` for the first INGEST_KEYS entry), or null. */
export async function authenticateIngestKey(db: Db, key: unknown, bootstrapKeys: string[]): Promise<string | null> {
	if (typeof key !== 'string' || key.length < 8 || key.length > 200) return null;
	const given = new TextEncoder().encode(hashIngestKey(key));
	for (const [i, k] of bootstrapKeys.entries()) {
		if (constantTimeEqual(given, new TextEncoder().encode(hashIngestKey(k)))) return `env:${i + 1}`;
	}
	const [row] = await db
		.select({ id: ingestKey.id, name: ingestKey.name })
		.from(ingestKey)
		.where(and(eq(ingestKey.keyHash, hashIngestKey(key)), isNull(ingestKey.revokedAt)))
		.limit(1);
	if (!row) return null;
	await db.update(ingestKey).set({ lastUsedAt: new Date() }).where(eq(ingestKey.id, row.id));
	return row.name;
}
