/**
 * Appends to the audit log, in the caller's transaction when given one so the entry commits with
 * the change it records. Never pass secrets in `detail`.
 *
 * Usage: await audit.record(tx, { actor: user, action: 'alert.status', target: `alert:${id}`, detail: { from, to } });
 */
import { and, desc, ilike, like, lt, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/index';
import type { Executor } from '../../../db/client';

export type AuditAction =
	| 'auth.sign_in'
	| 'auth.sign_in_failed'
	| 'auth.sign_in_throttled'
	| 'auth.sign_out'
	| 'auth.password_changed'
	| 'user.created'
	| 'user.role_changed'
	| 'user.disabled'
	| 'user.enabled'
	| 'user.password_reset'
	| 'display.created'
	| 'display.claimed'
	| 'display.claim_failed'
	| 'display.code_renewed'
	| 'display.playlist_changed'
	| 'display.revoked'
	| 'ingest_key.created'
	| 'ingest_key.revoked'
	| 'rule.thresholds_changed'
	| 'rule.profile_changed'
	| 'rule.reverted'
	| 'alert.status_changed'
	| 'alert.webhook_changed'
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
	const actor =
		typeof entry.actor === 'string'
			? { id: null, label: entry.actor }
			: { id: entry.actor.id, label: entry.actor.username };
	await ex.insert(auditLog).values({
		actorUserId: actor.id,
		actor: actor.label,
		action: entry.action,
		target: entry.target ?? null,
		detail: entry.detail ?? null,
		ip: entry.ip ?? null
	});
}

/** Areas of the audit log an admin can filter by: the part of the action before the dot. */
export const AUDIT_AREAS = [
	'auth',
	'user',
	'display',
	'ingest_key',
	'rule',
	'alert',
	'quarantine'
] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

export interface AuditQuery {
	area?: AuditArea;
	/** Text found in the actor, the target or the address (plain text: % and _ match themselves). */
	text?: string;
	/** Entries older than this id (the next page). */
	before?: number;
	limit?: number;
}

export interface AuditRow {
	id: number;
	at: Date;
	actor: string;
	action: string;
	target: string | null;
	detail: Record<string, unknown> | null;
	ip: string | null;
}

/** Newest entries first, one page at a time; `next` is the cursor of the following page. */
export async function list(
	ex: Executor,
	q: AuditQuery = {}
): Promise<{ rows: AuditRow[]; next: number | null }> {
	const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
	const conditions: SQL[] = [];
	if (q.area) conditions.push(like(auditLog.action, `${q.area}.%`));
	if (q.text) {
		const pattern = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(
			or(
				ilike(auditLog.actor, pattern),
				ilike(auditLog.target, pattern),
				ilike(auditLog.ip, pattern)
			)!
		);
	}
	if (q.before) conditions.push(lt(auditLog.id, q.before));
	const found = await ex
		.select()
		.from(auditLog)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(limit + 1);
	const rows = found
		.slice(0, limit)
		.map((r) => ({ ...r, detail: (r.detail as Record<string, unknown> | null) ?? null }));
	return { rows, next: found.length > limit ? rows[rows.length - 1].id : null };
}
