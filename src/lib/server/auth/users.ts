/**
 * User accounts as stored credentials: argon2id password hashes, lookups and updates of the user
 * table, and the first admin from ADMIN_PASSWORD. No audit entries and no sockets here: the
 * operations people perform (sign-in, password change, user administration) are
 * `accounts/users.ts`, which calls these inside its transactions.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../../db/client';
import { appUser } from '../../../../db/schema/index';
import type { Role, SessionUser } from './session';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// Verified against when the user does not exist, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

import { SEEDED_ADMIN } from '../../domain/accounts';

export { MIN_PASSWORD_LENGTH } from '../../domain/accounts';

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function createUser(
	db: Executor,
	input: { username: string; displayName?: string; role: Role; password: string }
): Promise<SessionUser> {
	const [row] = await db
		.insert(appUser)
		.values({
			username: input.username,
			displayName: input.displayName ?? input.username,
			role: input.role,
			passwordHash: await hashPassword(input.password)
		})
		.returning({
			id: appUser.id,
			username: appUser.username,
			displayName: appUser.displayName,
			role: appUser.role
		});
	return { ...row, role: row.role as Role };
}

export type CredentialCheck =
	| { ok: true; user: SessionUser }
	| { ok: false; reason: 'unknown' | 'disabled' | 'wrong'; user?: SessionUser };

/**
 * Checks a name and password, taking the same time whether or not the account exists. Says why
 * it failed so the audit log can tell a wrong password on a real account from an unknown name.
 */
export async function checkCredentials(
	db: Db,
	username: string,
	password: string
): Promise<CredentialCheck> {
	const [row] = await db.select().from(appUser).where(eq(appUser.username, username)).limit(1);
	const user = row && {
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		role: row.role as Role
	};
	if (!row || row.disabledAt) {
		dummyHash ??= hashPassword('not-a-real-password');
		await verify(await dummyHash, password).catch(() => false);
		return row ? { ok: false, reason: 'disabled', user } : { ok: false, reason: 'unknown' };
	}
	const ok = await verify(row.passwordHash, password).catch(() => false);
	return ok ? { ok: true, user: user! } : { ok: false, reason: 'wrong', user };
}

/** The user when the name and password match an active account, else null (same time either way). */
export async function verifyCredentials(
	db: Db,
	username: string,
	password: string
): Promise<SessionUser | null> {
	const check = await checkCredentials(db, username, password);
	return check.ok ? check.user : null;
}

export async function userCount(db: Db): Promise<number> {
	const [row] = await db.select({ n: count() }).from(appUser);
	return row.n;
}

/** Held while the first admin is created, so app servers starting together create one. */
const FIRST_ADMIN_LOCK = 7_042_303;

/**
 * On an empty user table, creates `admin` with ADMIN_PASSWORD, or without it with a random
 * password it returns (for the caller to hand over). Several app servers may start at once on one
 * database: a transaction-scoped advisory lock lets one create it and the others find it there.
 */
export async function bootstrapAdmin(
	db: Db,
	adminPassword: string | undefined
): Promise<{ outcome: 'created' | 'exists'; generated?: string }> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
		const [row] = await tx.select({ n: count() }).from(appUser);
		if (row.n > 0) return { outcome: 'exists' as const };
		const generated = adminPassword ? undefined : randomBytes(15).toString('base64url');
		await createUser(tx, {
			username: SEEDED_ADMIN.username,
			displayName: SEEDED_ADMIN.displayName.zh,
			role: 'admin',
			password: adminPassword || generated!
		});
		return { outcome: 'created' as const, generated };
	});
}

export interface UserRow extends SessionUser {
	createdAt: Date;
	disabledAt: Date | null;
	/** Newest activity of any of the user's sessions, or null when signed out everywhere. */
	lastSeenAt: Date | null;
	sessions: number;
}

/** Every account, active first, then by name. */
export async function listUsers(db: Db): Promise<UserRow[]> {
	const found = await db
		.select({
			id: appUser.id,
			username: appUser.username,
			displayName: appUser.displayName,
			role: appUser.role,
			createdAt: appUser.createdAt,
			disabledAt: appUser.disabledAt,
			lastSeenAt:
				sql<Date | null>`(select max(s.last_seen_at) from session s where s.user_id = app_user.id and s.expires_at > now())`.mapWith(
					(v) => (v === null ? null : new Date(v))
				),
			sessions:
				sql<number>`(select count(*)::int from session s where s.user_id = app_user.id and s.expires_at > now())`.mapWith(
					Number
				)
		})
		.from(appUser)
		.orderBy(sql`${appUser.disabledAt} is not null`, appUser.username);
	return found.map((u) => ({ ...u, role: u.role as Role }));
}

export async function findUser(
	db: Executor,
	id: number
): Promise<(SessionUser & { disabledAt: Date | null }) | null> {
	const [row] = await db
		.select({
			id: appUser.id,
			username: appUser.username,
			displayName: appUser.displayName,
			role: appUser.role,
			disabledAt: appUser.disabledAt
		})
		.from(appUser)
		.where(eq(appUser.id, id))
		.limit(1);
	return row ? { ...row, role: row.role as Role } : null;
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
	const [row] = await db
		.select({ id: appUser.id })
		.from(appUser)
		.where(eq(appUser.username, username))
		.limit(1);
	return Boolean(row);
}

/** Active admins other than `exceptId`: an admin may not take away the last admin. */
export async function otherActiveAdmins(db: Executor, exceptId: number): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(appUser)
		.where(and(eq(appUser.role, 'admin'), isNull(appUser.disabledAt), ne(appUser.id, exceptId)));
	return row.n;
}

export async function setRole(db: Executor, id: number, role: Role): Promise<void> {
	await db.update(appUser).set({ role }).where(eq(appUser.id, id));
}

export async function setDisabled(db: Executor, id: number, disabled: boolean): Promise<void> {
	await db
		.update(appUser)
		.set({ disabledAt: disabled ? new Date() : null })
		.where(eq(appUser.id, id));
}

export async function setPassword(db: Executor, id: number, password: string): Promise<void> {
	await db
		.update(appUser)
		.set({ passwordHash: await hashPassword(password) })
		.where(eq(appUser.id, id));
}

/** Whether `password` is the user's current password (for a password change). */
export async function passwordMatches(
	db: Executor,
	id: number,
	password: string
): Promise<boolean> {
	const [row] = await db
		.select({ hash: appUser.passwordHash })
		.from(appUser)
		.where(eq(appUser.id, id))
		.limit(1);
	if (!row) return false;
	return verify(row.hash, password).catch(() => false);
}
