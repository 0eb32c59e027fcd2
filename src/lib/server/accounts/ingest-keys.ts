/**
 * Ingest keys, the operations admins perform on them: created (the key shown once), listed (never
 * the key), revoked (its /ingest sockets closed at once), each with its audit entry. Bootstrap keys
 * from INGEST_KEYS are not listed here.
 *
 * The key as a credential (hashing, identifying a presented key) is `auth/ingest-keys.ts`, which the
 * ingest endpoint and the socket server check; the same split as users and displays, so each
 * subject reads the same way: `accounts/` what people do, `auth/` what a credential is.
 */
import { labelProblem } from '../../domain/accounts';
import * as audit from '../audit';
import { createIngestKey, listIngestKeys, revokeIngestKey } from '../auth/ingest-keys';
import type { SessionUser } from '../auth/session';
import { db, runtime } from '../runtime';

type Actor = Pick<SessionUser, 'id' | 'username'>;

export const list = () => listIngestKeys(db());

export async function create(input: {
	actor: Actor;
	name: string;
	address: string;
}): Promise<
	| { ok: true; id: number; name: string; key: string }
	| { ok: false; problem: 'account.label.invalid' }
> {
	const name = input.name.trim();
	const problem = labelProblem(name);
	if (problem) return { ok: false, problem };
	return db().transaction(async (tx) => {
		const created = await createIngestKey(tx, { name, createdBy: input.actor.id });
		await audit.record(tx, {
			actor: input.actor,
			action: 'ingest_key.created',
			target: `ingest_key:${created.id}`,
			detail: { name },
			ip: input.address
		});
		return { ok: true, id: created.id, name, key: created.key } as const;
	});
}

export async function revoke(input: {
	actor: Actor;
	id: number;
	address: string;
}): Promise<'key.notFound' | null> {
	const revoked = await db().transaction(async (tx) => {
		const r = await revokeIngestKey(tx, input.id);
		if (r)
			await audit.record(tx, {
				actor: input.actor,
				action: 'ingest_key.revoked',
				target: `ingest_key:${input.id}`,
				detail: { name: r.name },
				ip: input.address
			});
		return r;
	});
	if (!revoked) return 'key.notFound';
	runtime().live.disconnect?.({ ingestKeyId: input.id });
	return null;
}
