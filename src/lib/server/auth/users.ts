// User accounts: argon2id password hashes, and the first admin from ADMIN_PASSWORD.
import { hash, verify } from '@node-rs/argon2';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { appUser } from '../../../../db/schema/index';
import type { Role, SessionUser } from './session';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// Verified against when the user does not exist, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function createUser(
	db: Db,
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
		.returning({ id: appUser.id, username: appUser.username, displayName: appUser.displayName, role: appUser.role });
	return { ...row, role: row.role as Role };
}

/** The user when the name and password match an active account, else null (same time either way). */
export async function verifyCredentials(db: Db, username: string, password: string): Promise<SessionUser | null> {
	const [row] = await db.select().from(appUser).where(eq(appUser.username, username)).limit(1);
	if (!row || row.disabledAt) {
		dummyHash ??= hashPassword('not-a-real-password');
		await verify(await dummyHash, password).catch(() => false);
		return null;
	}
	const ok = await verify(row.passwordHash, password).catch(() => false);
	if (!ok) return null;
	return { id: row.id, username: row.username, displayName: row.displayName, role: row.role as Role };
}

export async function userCount(db: Db): Promise<number> {
	const [row] = await db.select({ n: count() }).from(appUser);
	return row.n;
}

/**
 * On an empty user table, creates `admin` with ADMIN_PASSWORD. Returns what happened so the caller
 * can tell the operator; there are no default passwords.
 */
export async function bootstrapAdmin(db: Db, adminPassword: string | undefined): Promise<'created' | 'exists' | 'missing'> {
	if ((await userCount(db)) > 0) return 'exists';
	if (!adminPassword) return 'missing';
	await createUser(db, { username: 'admin', displayName: '系统管理员', role: 'admin', password: adminPassword });
	return 'created';
}
