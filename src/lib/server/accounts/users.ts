/**
 * User accounts, the operations people perform on them: sign-in (throttled), sign-out, password
 * change, and user administration. Each writes its audit entry in the same transaction and, when
 * someone's access changed, disconnects their live sockets at once.
 *
 * Why two modules per subject: `accounts/` holds what a person does (with its audit entry and socket
 * disconnects), `auth/` the stored credentials it rests on (hashes, lookups, no audit, no sockets),
 * which the hooks, the socket server and the boot also use. Merged, this subject would be over 500
 * lines holding two jobs; `auth/users.ts` is the credential half.
 *
 * Usage: const result = await accounts.signIn({ username, password, address });
 */
import {
	readableSecret,
	passwordProblem,
	usernameProblem,
	labelProblem,
	type AccountRole
} from '../../domain/accounts';
import * as audit from '../audit';
import {
	createSession,
	invalidateOtherSessions,
	invalidateSession,
	invalidateUserSessions,
	type SessionUser
} from '../auth/session';
import * as throttle from '../auth/throttle';
import {
	checkCredentials,
	createUser,
	findUser,
	listUsers,
	otherActiveAdmins,
	passwordMatches,
	setDisabled,
	setPassword,
	setRole,
	usernameTaken
} from '../auth/users';
import type { Executor } from '../../../../db/client';
import { db, runtime } from '../runtime';

type Actor = Pick<SessionUser, 'id' | 'username'>;

/** Every account, active first, then by name, for the admin's list. */
export const list = () => listUsers(db());

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; error: 'login.missing' | 'login.failed' }
	| { ok: false; error: 'login.throttled'; retryInMinutes: number };

/**
 * Signs a user in. Attempts are throttled per account, per address and per both before the
 * password is checked; failures are audited (with the user name only when the account exists,
 * since people sometimes type their password into the name field).
 */
export async function signIn(input: {
	username: string;
	password: string;
	address: string;
}): Promise<SignInResult> {
	const username = input.username.trim().slice(0, 100);
	const password = input.password.slice(0, 200);
	if (!username || !password) return { ok: false, error: 'login.missing' };
	const keys = throttle.signInKeys(username, input.address);
	const wait = await throttle.blockedSeconds(db(), keys);
	if (wait > 0)
		return { ok: false, error: 'login.throttled', retryInMinutes: Math.ceil(wait / 60) };

	const check = await checkCredentials(db(), username, password);
	if (!check.ok) {
		await db().transaction(async (tx) => {
			const blocked = await throttle.recordFailure(tx, keys);
			const target = check.user ? `user:${check.user.username}` : undefined;
			await audit.record(tx, {
				actor: 'anonymous',
				action: 'auth.sign_in_failed',
				target,
				detail: { reason: check.reason },
				ip: input.address
			});
			if (blocked.length > 0)
				await audit.record(tx, {
					actor: 'system',
					action: 'auth.sign_in_throttled',
					target,
					detail: { scopes: blocked, minutes: throttle.BLOCK_MINUTES },
					ip: input.address
				});
		});
		return { ok: false, error: 'login.failed' };
	}
	const user = check.user;
	const session = await db().transaction(async (tx) => {
		await throttle.clear(
			tx,
			keys.filter((k) => k.scope === 'pair')
		);
		await audit.record(tx, {
			actor: user,
			action: 'auth.sign_in',
			target: `user:${user.username}`,
			ip: input.address
		});
		return createSession(tx, user.id);
	});
	return { ok: true, user, token: session.token, expiresAt: session.expiresAt };
}

/** Ends this session and drops its live sockets. */
export async function signOut(input: {
	sessionId: string;
	user: Actor | null;
	address: string;
}): Promise<void> {
	await db().transaction(async (tx) => {
		await invalidateSession(tx, input.sessionId);
		if (input.user)
			await audit.record(tx, {
				actor: input.user,
				action: 'auth.sign_out',
				target: `user:${input.user.username}`,
				ip: input.address
			});
	});
	runtime().live.disconnect?.({ sessionId: input.sessionId });
}

export type PasswordChangeProblem =
	| 'account.password.wrongCurrent'
	| 'account.password.throttled'
	| 'account.password.mismatch'
	| 'account.password.same'
	| NonNullable<ReturnType<typeof passwordProblem>>;

/**
 * Changes the signed-in user's own password after checking the current one. Every other session
 * of the user ends (and its sockets drop); this one stays signed in.
 */
export async function changePassword(input: {
	user: SessionUser;
	sessionId: string | null;
	current: string;
	next: string;
	confirm: string;
	address: string;
}): Promise<PasswordChangeProblem | null> {
	// Guessing the current password from a borrowed session counts like failed sign-ins.
	const keys = throttle.signInKeys(input.user.username, input.address);
	if ((await throttle.blockedSeconds(db(), keys)) > 0) return 'account.password.throttled';
	if (!(await passwordMatches(db(), input.user.id, input.current.slice(0, 200)))) {
		await throttle.recordFailure(db(), keys);
		return 'account.password.wrongCurrent';
	}
	if (input.next !== input.confirm) return 'account.password.mismatch';
	if (input.next === input.current) return 'account.password.same';
	const problem = passwordProblem(input.next, { username: input.user.username });
	if (problem) return problem;
	await db().transaction(async (tx) => {
		await setPassword(tx, input.user.id, input.next);
		await invalidateOtherSessions(tx, input.user.id, input.sessionId);
		await audit.record(tx, {
			actor: input.user,
			action: 'auth.password_changed',
			target: `user:${input.user.username}`,
			ip: input.address
		});
	});
	runtime().live.disconnect?.({ userId: input.user.id });
	return null;
}

/** A generated password: 16 characters in four groups, about 79 bits. Shown once to the admin. */
export function generatePassword(): string {
	return readableSecret(4, 4, (b) => crypto.getRandomValues(b)).toLowerCase();
}

export type AdminProblem =
	| 'account.username.invalid'
	| 'account.username.taken'
	| 'account.label.invalid'
	| 'account.role.invalid'
	| 'account.notFound'
	| 'account.self'
	| 'account.lastAdmin';

/** Creates an account with a generated one-time password, returned to show to the admin once. */
export async function createAccount(input: {
	actor: Actor;
	username: string;
	displayName: string;
	role: AccountRole;
	address: string;
}): Promise<
	{ ok: true; password: string; username: string } | { ok: false; problem: AdminProblem }
> {
	const username = input.username.trim().toLowerCase();
	const displayName = input.displayName.trim() || username;
	const problem = usernameProblem(username) ?? labelProblem(displayName);
	if (problem) return { ok: false, problem };
	if (await usernameTaken(db(), username)) return { ok: false, problem: 'account.username.taken' };
	const password = generatePassword();
	await db().transaction(async (tx) => {
		await createUser(tx, { username, displayName, role: input.role, password });
		await audit.record(tx, {
			actor: input.actor,
			action: 'user.created',
			target: `user:${username}`,
			detail: { role: input.role, displayName },
			ip: input.address
		});
	});
	return { ok: true, password, username };
}

/**
 * Checks an admin's change to another account: it must exist, must not be the admin's own (another
 * admin does that), and must not leave the system without an active admin.
 */
async function target(
	actor: Actor,
	id: number,
	removesAdmin: boolean
): Promise<
	{ user: SessionUser; problem?: undefined } | { user?: undefined; problem: AdminProblem }
> {
	const user = await findUser(db(), id);
	if (!user) return { problem: 'account.notFound' };
	if (user.id === actor.id) return { problem: 'account.self' };
	if (
		removesAdmin &&
		user.role === 'admin' &&
		!user.disabledAt &&
		(await otherActiveAdmins(db(), user.id)) === 0
	)
		return { problem: 'account.lastAdmin' };
	return { user };
}

/**
 * Makes an admin's change to another account and its audit entry in one transaction; when the
 * change takes access away (`disconnect`), the user's sockets drop at once.
 */
async function applyChange(
	input: { actor: Actor; address: string },
	user: SessionUser,
	entry: { action: audit.AuditAction; detail?: Record<string, unknown>; disconnect: boolean },
	change: (tx: Executor) => Promise<void>
): Promise<void> {
	await db().transaction(async (tx) => {
		await change(tx);
		await audit.record(tx, {
			actor: input.actor,
			action: entry.action,
			target: `user:${user.username}`,
			detail: entry.detail,
			ip: input.address
		});
	});
	if (entry.disconnect) runtime().live.disconnect?.({ userId: user.id });
}

/** Changes a role; the user's sockets drop and reconnect into the rooms of the new role. */
export async function changeRole(input: {
	actor: Actor;
	id: number;
	role: AccountRole;
	address: string;
}): Promise<AdminProblem | null> {
	const t = await target(input.actor, input.id, input.role !== 'admin');
	if (!t.user) return t.problem;
	const user = t.user;
	if (user.role === input.role) return null;
	const entry = {
		action: 'user.role_changed' as const,
		detail: { from: user.role, to: input.role },
		disconnect: true
	};
	await applyChange(input, user, entry, (tx) => setRole(tx, user.id, input.role));
	return null;
}

/** Disables an account: its sessions end and its sockets drop at once. */
export async function disableAccount(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<AdminProblem | null> {
	const t = await target(input.actor, input.id, true);
	if (!t.user) return t.problem;
	const user = t.user;
	await applyChange(input, user, { action: 'user.disabled', disconnect: true }, async (tx) => {
		await setDisabled(tx, user.id, true);
		await invalidateUserSessions(tx, user.id);
	});
	return null;
}

export async function enableAccount(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<AdminProblem | null> {
	const t = await target(input.actor, input.id, false);
	if (!t.user) return t.problem;
	const user = t.user;
	await applyChange(input, user, { action: 'user.enabled', disconnect: false }, (tx) =>
		setDisabled(tx, user.id, false)
	);
	return null;
}

/** Replaces a forgotten password with a generated one (shown once); the user's sessions end. */
export async function resetPassword(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<
	{ ok: true; password: string; username: string } | { ok: false; problem: AdminProblem }
> {
	const t = await target(input.actor, input.id, false);
	if (!t.user) return { ok: false, problem: t.problem };
	const user = t.user;
	const password = generatePassword();
	await applyChange(
		input,
		user,
		{ action: 'user.password_reset', disconnect: true },
		async (tx) => {
			await setPassword(tx, user.id, password);
			await invalidateUserSessions(tx, user.id);
		}
	);
	return { ok: true, password, username: user.username };
}
