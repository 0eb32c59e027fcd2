/**
 * Appends to the audit log, in the caller's transaction when given one so the entry commits with
 * the change it records. Never pass secrets in `detail`.
 *
 * Usage: await audit.record(tx, { actor: user, action: 'alert.status', target: `alert:${id}`, detail: { from, to } });
 */
import { auditLog } from '../../../db/schema/index';
import type { Executor } from '../../../db/client';

export type AuditAction =
	| 'auth.sign_in'
	| 'auth.sign_in_failed'
	| 'auth.sign_out'
	| 'auth.password_changed'
	| 'user.created'
	| 'user.role_changed'
	| 'user.disabled'
	| 'display.created'
	| 'display.claimed'
	| 'display.revoked'
	| 'ingest_key.created'
	| 'ingest_key.revoked'
	| 'rule.thresholds_changed'
	| 'rule.reverted'
	| 'alert.status_changed'
	| 'quarantine.resubmitted'
	| 'quarantine.discarded';

export interface AuditEntry {
	actor: { id: number; username: string } | string;
	action: AuditAction;
	target?: string;
	detail?: Record<string, unknown>;
	ip?: string;
}

export async function record(ex: Executor, entry: AuditEntry): Promise<void> {
	const actor = typeof entry.actor === 'string' ? { id: null, label: entry.actor } : { id: entry.actor.id, label: entry.actor.username };
	await ex.insert(auditLog).values({
		actorUserId: actor.id,
		actor: actor.label,
		action: entry.action,
		target: entry.target ?? null,
		detail: entry.detail ?? null,
		ip: entry.ip ?? null
	});
}
