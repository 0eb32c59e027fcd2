/**
 * Wall displays, the operations people perform on them: admins register, renew, re-program and
 * revoke them; a device claims one with its code. Each writes its audit entry and, when a display's
 * credential stops working, disconnects its sockets at once.
 *
 * The credential itself (claim codes, device tokens, their hashes) is `auth/displays.ts`: that half
 * is what the hooks and the socket server check on every request, with no audit and no sockets;
 * this half is what people do. Merged they would be one file over 400 lines holding both jobs.
 *
 * Usage: const { code } = await displays.register({ actor, name, playlist, address });
 */
import { labelProblem } from '../../domain/accounts';
import type { PlaylistEntry } from '../../wall/screens';
import * as audit from '../audit';
import * as store from '../auth/displays';
import type { SessionUser } from '../auth/session';
import * as throttle from '../auth/throttle';
import { db, runtime } from '../runtime';

type Actor = Pick<SessionUser, 'id' | 'username'>;

export type DisplayProblem = 'account.label.invalid' | 'display.notFound';

export const list = () => store.listDisplays(db());

/** Registers a display and returns its one-time claim code (shown to the admin once). */
export async function register(input: {
	actor: Actor;
	name: string;
	playlist: PlaylistEntry[];
	address: string;
}): Promise<
	| { ok: true; id: number; name: string; code: string; expiresAt: Date }
	| { ok: false; problem: DisplayProblem }
> {
	const name = input.name.trim();
	const problem = labelProblem(name);
	if (problem) return { ok: false, problem };
	const created = await db().transaction(async (tx) => {
		const d = await store.createDisplay(tx, {
			name,
			playlist: input.playlist,
			createdBy: input.actor.id
		});
		await audit.record(tx, {
			actor: input.actor,
			action: 'display.created',
			target: `display:${d.id}`,
			detail: { name },
			ip: input.address
		});
		return d;
	});
	return { ok: true, name, ...created };
}

/** A fresh claim code for a display; its current device is signed out and disconnected at once. */
export async function renew(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<
	| { ok: true; id: number; name: string; code: string; expiresAt: Date }
	| { ok: false; problem: DisplayProblem }
> {
	const found = await store.findDisplay(db(), input.id);
	if (!found || found.revoked) return { ok: false, problem: 'display.notFound' };
	const renewed = await db().transaction(async (tx) => {
		const r = await store.renewClaimCode(tx, input.id);
		if (r)
			await audit.record(tx, {
				actor: input.actor,
				action: 'display.code_renewed',
				target: `display:${input.id}`,
				detail: { name: found.name },
				ip: input.address
			});
		return r;
	});
	if (!renewed) return { ok: false, problem: 'display.notFound' };
	runtime().live.disconnect?.({ displayId: input.id });
	return { ok: true, id: input.id, name: found.name, ...renewed };
}

/** Revokes a display: its credential stops working and its sockets are closed at once. */
export async function revoke(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<DisplayProblem | null> {
	const found = await store.findDisplay(db(), input.id);
	if (!found || found.revoked) return 'display.notFound';
	await db().transaction(async (tx) => {
		await store.revokeDisplay(tx, input.id, input.actor.id);
		await audit.record(tx, {
			actor: input.actor,
			action: 'display.revoked',
			target: `display:${input.id}`,
			detail: { name: found.name },
			ip: input.address
		});
	});
	runtime().live.disconnect?.({ displayId: input.id });
	return null;
}

/** Changes what a display shows; its sockets reconnect so they follow the new screens' topics. */
export async function changePlaylist(input: {
	actor: Actor;
	id: number;
	playlist: PlaylistEntry[];
	address: string;
}): Promise<DisplayProblem | null> {
	const found = await store.findDisplay(db(), input.id);
	if (!found || found.revoked) return 'display.notFound';
	await db().transaction(async (tx) => {
		await store.setPlaylist(tx, input.id, input.playlist);
		await audit.record(tx, {
			actor: input.actor,
			action: 'display.playlist_changed',
			target: `display:${input.id}`,
			detail: {
				name: found.name,
				playlist: input.playlist
					.map((e) => `${e.screen}${e.kind ? `:${e.kind}` : ''}/${e.seconds}s`)
					.join(', ')
			},
			ip: input.address
		});
	});
	runtime().live.disconnect?.({ displayId: input.id });
	return null;
}

export type ClaimResult =
	| { ok: true; token: string; name: string }
	| { ok: false; error: 'claim.failed' | 'claim.missing' }
	| { ok: false; error: 'claim.throttled'; retryInMinutes: number };

/** A device claims a display with its code (throttled per address). */
export async function claim(input: { code: string; address: string }): Promise<ClaimResult> {
	if (!input.code.trim()) return { ok: false, error: 'claim.missing' };
	const keys = throttle.claimKeys(input.address);
	const wait = await throttle.blockedSeconds(db(), keys);
	if (wait > 0)
		return { ok: false, error: 'claim.throttled', retryInMinutes: Math.ceil(wait / 60) };
	return db().transaction(async (tx) => {
		const claimed = await store.claimDisplay(tx, input.code.slice(0, 40));
		if (!claimed) {
			await throttle.recordFailure(tx, keys);
			await audit.record(tx, {
				actor: 'anonymous',
				action: 'display.claim_failed',
				ip: input.address
			});
			return { ok: false, error: 'claim.failed' } as const;
		}
		await audit.record(tx, {
			actor: `display:${claimed.name}`,
			action: 'display.claimed',
			target: `display:${claimed.id}`,
			detail: { name: claimed.name },
			ip: input.address
		});
		return { ok: true, token: claimed.token, name: claimed.name } as const;
	});
}
