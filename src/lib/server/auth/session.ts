/**
 * Database sessions in the style of the Lucia guide: the cookie holds `id.secret`, the database only
 * SHA-256 of the secret. Sessions expire after 7 idle days and are renewed while in use.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../../../db/client';
import { appUser, session } from '../../../../db/schema/index';

export const SESSION_COOKIE = 'qd_session';
const IDLE_MS = 7 * 24 * 3600_000;
const RENEW_WHEN_LEFT_MS = 6 * 24 * 3600_000;
const SEEN_EVERY_MS = 5 * 60_000;

export type Role = 'member' | 'staff' | 'admin';
export const ROLES: Role[] = ['member', 'staff', 'admin'];

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	role: Role;
}

export interface ValidSession {
	id: string;
	expiresAt: Date;
	user: SessionUser;
	/** True when the expiry moved and the cookie should be re-sent. */
	renewed: boolean;
}

function randomToken(bytes: number): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export async function createSession(
	db: Executor,
	userId: number
): Promise<{ token: string; expiresAt: Date }> {
	const id = randomToken(10);
	const secret = randomToken(20);
	const expiresAt = new Date(Date.now() + IDLE_MS);
	await db.insert(session).values({ id, secretHash: hashSecret(secret), userId, expiresAt });
	return { token: `${id}.${secret}`, expiresAt };
}

export async function validateSession(
	db: Executor,
	token: string | undefined | null
): Promise<ValidSession | null> {
	if (!token) return null;
	const [id, secret] = token.split('.');
	if (!id || !secret || id.length > 40 || secret.length > 80) return null;
	const found = await db
		.select({
			id: session.id,
			secretHash: session.secretHash,
			expiresAt: session.expiresAt,
			lastSeenAt: session.lastSeenAt,
			user: {
				id: appUser.id,
				username: appUser.username,
				displayName: appUser.displayName,
				role: appUser.role
			}
		})
		.from(session)
		.innerJoin(appUser, and(eq(appUser.id, session.userId), isNull(appUser.disabledAt)))
		.where(eq(session.id, id))
		.limit(1);
	const row = found[0];
	if (!row) return null;
	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(row.secretHash);
	if (!constantTimeEqual(given, stored)) return null;
	const now = Date.now();
	if (row.expiresAt.getTime() <= now) {
		await db.delete(session).where(eq(session.id, id));
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS) {
		expiresAt = new Date(now + IDLE_MS);
		renewed = true;
		await db
			.update(session)
			.set({ expiresAt, lastSeenAt: new Date(now) })
			.where(eq(session.id, id));
	} else if (now - row.lastSeenAt.getTime() > SEEN_EVERY_MS) {
		// For the admin's list of users; written at most every few minutes, not on every request.
		await db
			.update(session)
			.set({ lastSeenAt: new Date(now) })
			.where(eq(session.id, id));
	}
	return { id, expiresAt, renewed, user: { ...row.user, role: row.user.role as Role } };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
}

export async function invalidateUserSessions(db: Executor, userId: number): Promise<void> {
	await db.delete(session).where(eq(session.userId, userId));
}

/**
 * Of the given session ids, the role of each one's user, for sessions that are still valid and
 * whose user is active (the socket server's periodic re-check drops the rest).
 */
export async function currentSessions(db: Executor, ids: string[]): Promise<Map<string, Role>> {
	if (ids.length === 0) return new Map();
	const found = await db
		.select({ id: session.id, role: appUser.role })
		.from(session)
		.innerJoin(appUser, and(eq(appUser.id, session.userId), isNull(appUser.disabledAt)))
		.where(and(inArray(session.id, ids), gt(session.expiresAt, new Date())));
	return new Map(found.map((r) => [r.id, r.role as Role]));
}

/** Ends every session of a user except `keepId` (after a password change). */
export async function invalidateOtherSessions(
	db: Executor,
	userId: number,
	keepId: string | null
): Promise<void> {
	await db
		.delete(session)
		.where(
			keepId ? and(eq(session.userId, userId), ne(session.id, keepId)) : eq(session.userId, userId)
		);
}
