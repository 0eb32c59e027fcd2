/**
 * Sign-in and display-claim throttling, persisted in `login_throttle` so every app server shares it
 * and a restart does not reset it. Failures are counted per key in a 15-minute window; a key that
 * reaches its limit is refused for 15 minutes. Checked before argon2 runs, so refused attempts are cheap.
 *
 * Keys: `pair:<account>:<address>` (one person mistyping, or one attacker on one account),
 * `account:<account>` (a distributed attack on one account), `address:<address>` (one address
 * trying many accounts), `claim:<address>` (guessing display codes). `<account>` is SHA-256 of
 * the lower-cased name, so names typed into the form (sometimes a password) are never stored.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';

export const WINDOW_MINUTES = 15;
export const BLOCK_MINUTES = 15;

export const LIMITS = {
	pair: 5,
	account: 20,
	address: 30,
	claim: 10
} as const;

export type ThrottleScope = keyof typeof LIMITS;

export interface ThrottleKey {
	scope: ThrottleScope;
	key: string;
}

const CLEANUP_EVERY_MS = 3600_000;
let lastCleanup = 0;

function accountHash(username: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(username.trim().toLowerCase()))).slice(
		0,
		32
	);
}

/** The keys a sign-in attempt counts against. */
export function signInKeys(username: string, address: string): ThrottleKey[] {
	const account = accountHash(username);
	return [
		{ scope: 'pair', key: `pair:${account}:${address}` },
		{ scope: 'account', key: `account:${account}` },
		{ scope: 'address', key: `address:${address}` }
	];
}

export function claimKeys(address: string): ThrottleKey[] {
	return [{ scope: 'claim', key: `claim:${address}` }];
}

/** Seconds until every key is free again; 0 when the attempt may go ahead. */
export async function blockedSeconds(ex: Executor, keys: ThrottleKey[]): Promise<number> {
	const found = await rows<{ seconds: number }>(
		ex,
		sql`select coalesce(max(ceil(extract(epoch from blocked_until - now()))), 0)::int as seconds
			from login_throttle where key in (${sql.join(
				keys.map((k) => sql`${k.key}`),
				sql`, `
			)}) and blocked_until > now()`
	);
	return Math.max(0, found[0]?.seconds ?? 0);
}

/**
 * Counts one failure against each key. Returns the scopes that became blocked with this failure
 * (so the caller can audit the moment a block starts, not every refused attempt).
 */
export async function recordFailure(ex: Executor, keys: ThrottleKey[]): Promise<ThrottleScope[]> {
	const became: ThrottleScope[] = [];
	for (const k of keys) {
		const limit = LIMITS[k.scope];
		const [r] = await rows<{ failures: number; blocked: boolean }>(
			ex,
			sql`insert into login_throttle as t (key, failures, window_started_at, blocked_until)
				values (${k.key}, 1, now(), null)
				on conflict (key) do update set
					failures = case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES})
						and (t.blocked_until is null or t.blocked_until < now()) then 1 else t.failures + 1 end,
					window_started_at = case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES})
						and (t.blocked_until is null or t.blocked_until < now()) then now() else t.window_started_at end,
					blocked_until = case
						when t.blocked_until > now() then t.blocked_until
						when (case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1
							else t.failures + 1 end) >= ${limit} then now() + make_interval(mins => ${BLOCK_MINUTES})
						else null end
				returning failures::int as failures, (blocked_until > now()) as blocked`
		);
		if (r.blocked && r.failures === limit) became.push(k.scope);
	}
	await cleanup(ex);
	return became;
}

/** Forgets failures of these keys (after a successful sign-in: the pair key). */
export async function clear(ex: Executor, keys: ThrottleKey[]): Promise<void> {
	if (keys.length === 0) return;
	await ex.execute(
		sql`delete from login_throttle where key in (${sql.join(
			keys.map((k) => sql`${k.key}`),
			sql`, `
		)})`
	);
}

async function cleanup(ex: Executor): Promise<void> {
	if (Date.now() - lastCleanup < CLEANUP_EVERY_MS) return;
	lastCleanup = Date.now();
	await ex.execute(sql`delete from login_throttle
		where window_started_at < now() - interval '1 day' and (blocked_until is null or blocked_until < now())`);
}
