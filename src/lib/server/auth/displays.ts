/**
 * Wall displays (大屏) as credentials: an admin registers one and gets a one-time claim code; the
 * display claims it once and from then on presents a device credential `d<id>.<secret>` (HttpOnly
 * cookie). Only SHA-256 hashes of the code and of the secret are stored. Revoking is immediate:
 * the credential stops validating and the caller disconnects the display's sockets.
 *
 * This is the credential half (what the hooks and the socket server check); the operations people
 * perform on displays, with their audit entries and disconnects, are `accounts/displays.ts`.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/client';
import { wallDisplay } from '../../../../db/schema/index';
import { normaliseCode, readableSecret } from '../../domain/accounts';
import { parsePlaylist, type PlaylistEntry } from '../../wall/screens';

export const DISPLAY_COOKIE = 'qd_display';
/** Claim codes are valid this long after they are issued. */
export const CLAIM_TTL_MS = 24 * 3600_000;
/** The device cookie's lifetime (browsers cap cookies at 400 days); re-sent while the display is in use. */
export const CREDENTIAL_COOKIE_DAYS = 400;
/** How often the last-seen time is written (not on every request of a display reloading its data). */
const SEEN_EVERY_MS = 5 * 60_000;

export interface DisplayPrincipal {
	id: number;
	name: string;
	playlist: PlaylistEntry[];
	/** True when the cookie should be re-sent to keep it from expiring. */
	renew: boolean;
}

export interface DisplayRow {
	id: number;
	name: string;
	playlist: PlaylistEntry[];
	state: 'waiting' | 'expired' | 'active' | 'revoked';
	claimExpiresAt: Date | null;
	claimedAt: Date | null;
	createdAt: Date;
	revokedAt: Date | null;
	lastSeenAt: Date | null;
}

const hash = (text: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

function randomBytes(n: number): Uint8Array {
	const b = new Uint8Array(n);
	crypto.getRandomValues(b);
	return b;
}

/** A new claim code such as `7KQ2M-XD9PA` (about 50 bits), and its hash. */
function newClaimCode(): { code: string; codeHash: string } {
	const code = readableSecret(2, 5, (b) => crypto.getRandomValues(b));
	return { code, codeHash: hash(normaliseCode(code)) };
}

/** Registers a display; returns its id and the one-time claim code (shown once, stored hashed). */
export async function createDisplay(
	ex: Executor,
	input: { name: string; playlist: PlaylistEntry[]; createdBy: number }
): Promise<{ id: number; code: string; expiresAt: Date }> {
	const { code, codeHash } = newClaimCode();
	const expiresAt = new Date(Date.now() + CLAIM_TTL_MS);
	const [row] = await ex
		.insert(wallDisplay)
		.values({
			name: input.name,
			playlist: input.playlist,
			claimCodeHash: codeHash,
			claimExpiresAt: expiresAt,
			createdBy: input.createdBy
		})
		.returning({ id: wallDisplay.id });
	return { id: row.id, code, expiresAt };
}

/**
 * A new claim code for an existing display (its device was reset or replaced). The old device
 * credential stops working at once; the caller disconnects its sockets.
 */
export async function renewClaimCode(
	ex: Executor,
	id: number
): Promise<{ code: string; expiresAt: Date } | null> {
	const { code, codeHash } = newClaimCode();
	const expiresAt = new Date(Date.now() + CLAIM_TTL_MS);
	const updated = await ex
		.update(wallDisplay)
		.set({
			claimCodeHash: codeHash,
			claimExpiresAt: expiresAt,
			credentialHash: null,
			claimedAt: null
		})
		.where(and(eq(wallDisplay.id, id), isNull(wallDisplay.revokedAt)))
		.returning({ id: wallDisplay.id });
	return updated.length > 0 ? { code, expiresAt } : null;
}

/**
 * Claims a display with its code, once: returns the device credential to put in the cookie, or
 * null when the code is unknown, used, expired or revoked.
 */
export async function claimDisplay(
	ex: Executor,
	typedCode: string
): Promise<{ id: number; name: string; token: string } | null> {
	const code = normaliseCode(typedCode);
	if (code.length < 6 || code.length > 20) return null;
	const secret = encodeBase32LowerCaseNoPadding(randomBytes(20));
	// One statement: the code is consumed by whoever updates the row first.
	const [row] = await ex
		.update(wallDisplay)
		.set({
			claimCodeHash: null,
			claimExpiresAt: null,
			credentialHash: hash(secret),
			claimedAt: new Date(),
			lastSeenAt: new Date()
		})
		.where(
			and(
				eq(wallDisplay.claimCodeHash, hash(code)),
				gt(wallDisplay.claimExpiresAt, new Date()),
				isNull(wallDisplay.revokedAt)
			)
		)
		.returning({ id: wallDisplay.id, name: wallDisplay.name });
	return row ? { id: row.id, name: row.name, token: `d${row.id}.${secret}` } : null;
}

/** The display a credential belongs to, when it is claimed and not revoked. */
export async function validateDisplay(
	ex: Executor,
	token: string | undefined | null
): Promise<DisplayPrincipal | null> {
	if (!token) return null;
	const match = /^d(\d{1,9})\.([a-z2-7]{20,64})$/.exec(token);
	if (!match) return null;
	const id = Number(match[1]);
	const [row] = await ex
		.select({
			id: wallDisplay.id,
			name: wallDisplay.name,
			playlist: wallDisplay.playlist,
			credentialHash: wallDisplay.credentialHash,
			lastSeenAt: wallDisplay.lastSeenAt
		})
		.from(wallDisplay)
		.where(and(eq(wallDisplay.id, id), isNull(wallDisplay.revokedAt)))
		.limit(1);
	if (!row?.credentialHash) return null;
	const given = new TextEncoder().encode(hash(match[2]));
	if (!constantTimeEqual(given, new TextEncoder().encode(row.credentialHash))) return null;
	const now = Date.now();
	const stale = !row.lastSeenAt || now - row.lastSeenAt.getTime() > SEEN_EVERY_MS;
	if (stale)
		await ex
			.update(wallDisplay)
			.set({ lastSeenAt: new Date(now) })
			.where(eq(wallDisplay.id, id));
	return { id: row.id, name: row.name, playlist: parsePlaylist(row.playlist), renew: stale };
}

/** Revokes a display for good; returns false when it did not exist or was already revoked. */
export async function revokeDisplay(ex: Executor, id: number, by: number): Promise<boolean> {
	const updated = await ex
		.update(wallDisplay)
		.set({
			revokedAt: new Date(),
			revokedBy: by,
			credentialHash: null,
			claimCodeHash: null,
			claimExpiresAt: null
		})
		.where(and(eq(wallDisplay.id, id), isNull(wallDisplay.revokedAt)))
		.returning({ id: wallDisplay.id });
	return updated.length > 0;
}

export async function setPlaylist(
	ex: Executor,
	id: number,
	playlist: PlaylistEntry[]
): Promise<boolean> {
	const updated = await ex
		.update(wallDisplay)
		.set({ playlist })
		.where(and(eq(wallDisplay.id, id), isNull(wallDisplay.revokedAt)))
		.returning({ id: wallDisplay.id });
	return updated.length > 0;
}

export async function findDisplay(
	ex: Executor,
	id: number
): Promise<{ id: number; name: string; revoked: boolean } | null> {
	const [row] = await ex
		.select({ id: wallDisplay.id, name: wallDisplay.name, revokedAt: wallDisplay.revokedAt })
		.from(wallDisplay)
		.where(eq(wallDisplay.id, id))
		.limit(1);
	return row ? { id: row.id, name: row.name, revoked: row.revokedAt !== null } : null;
}

/** Every display, active and waiting ones first, newest first. */
export async function listDisplays(ex: Executor): Promise<DisplayRow[]> {
	const found = await ex
		.select()
		.from(wallDisplay)
		.orderBy(
			sql`${wallDisplay.revokedAt} is not null`,
			desc(wallDisplay.createdAt),
			desc(wallDisplay.id)
		);
	const now = Date.now();
	return found.map((r) => ({
		id: r.id,
		name: r.name,
		playlist: parsePlaylist(r.playlist),
		state: r.revokedAt
			? 'revoked'
			: r.credentialHash
				? 'active'
				: r.claimExpiresAt && r.claimExpiresAt.getTime() > now
					? 'waiting'
					: 'expired',
		claimExpiresAt: r.claimExpiresAt,
		claimedAt: r.claimedAt,
		createdAt: r.createdAt,
		revokedAt: r.revokedAt,
		lastSeenAt: r.lastSeenAt
	}));
}

/**
 * Of the given display ids, the hash of each one's current credential, for those that still have
 * one (used by the socket server's periodic re-check, so a display changed behind its back is dropped).
 */
export async function currentCredentials(
	ex: Executor,
	ids: number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const found = await ex
		.select({ id: wallDisplay.id, credentialHash: wallDisplay.credentialHash })
		.from(wallDisplay)
		.where(and(inArray(wallDisplay.id, ids), isNull(wallDisplay.revokedAt)));
	return new Map(found.filter((r) => r.credentialHash).map((r) => [r.id, r.credentialHash!]));
}

/** The stored hash of a credential's secret, to compare with currentCredentials. */
export function credentialHashOf(token: string): string | null {
	const match = /^d\d{1,9}\.([a-z2-7]{20,64})$/.exec(token);
	return match ? hash(match[1]) : null;
}
