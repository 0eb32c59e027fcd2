/**
 * Working an alert: 待核实 open → 已反馈 acknowledged (with a note) → 已整改 resolved | 误报
 * dismissed, with history, the audit log and the live event, through the write path.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../../db/client';
import { alert, alertHistory, appUser } from '../../../../db/schema/index';
import {
	closes,
	mayMove,
	statusRequestProblem,
	type AlertStatus
} from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import * as audit from '../audit';
import type { LiveHub } from '../runtime';
import { commitChange, type Change } from '../write-path';
import { alertsEvent } from './live';
import { alertDetail, openAlertCounts, type AlertDetail } from './queries';

export type StatusChangeResult =
	{ ok: true; alert: AlertDetail } | { ok: false; error: string; status: 400 | 404 | 409 };

export interface StatusChange {
	id: number;
	to: AlertStatus;
	note?: string;
	actorId: number;
}

/** Moves an alert along its lifecycle, with history and the audit log, in one transaction. */
export async function changeAlertStatus(
	db: Db,
	change: StatusChange,
	live?: LiveHub
): Promise<StatusChangeResult> {
	const note = change.note?.trim() ?? '';
	const problem = statusRequestProblem(change.to, note);
	if (problem) return { ok: false, status: 400, error: problem };
	return commitChange(db, live, async (tx): Promise<Change<StatusChangeResult>> => {
		const [a] = await tx.select().from(alert).where(eq(alert.id, change.id)).for('update');
		if (!a)
			return { result: { ok: false, status: 404, error: `alert ${change.id} does not exist` } };
		const from = a.status as AlertStatus;
		if (!mayMove(from, change.to))
			return {
				result: {
					ok: false,
					status: 409,
					error: `status: an alert that is ${from} cannot become ${change.to}`
				}
			};
		await recordStatusChange(tx, a, from, change, note);
		const level = a.level as AlertLevel;
		const changed = { id: a.id, ruleType: a.ruleType, level, status: change.to };
		return {
			result: { ok: true, alert: (await alertDetail(tx, a.id))! },
			events: [alertsEvent([{ ...changed, change: 'status' }], await openAlertCounts(tx, a.year))]
		};
	});
}

/** The status, its history entry and the audit record. */
async function recordStatusChange(
	tx: Executor,
	a: typeof alert.$inferSelect,
	from: AlertStatus,
	change: StatusChange,
	note: string
): Promise<void> {
	await tx
		.update(alert)
		.set({
			status: change.to,
			updatedAt: sql`now()`,
			closedAt: closes(change.to) ? sql`now()` : null
		})
		.where(eq(alert.id, a.id));
	await tx.insert(alertHistory).values({
		alertId: a.id,
		actorUserId: change.actorId,
		kind: 'status',
		fromStatus: from,
		toStatus: change.to,
		fromLevel: a.level,
		toLevel: a.level,
		note: note || null
	});
	const [actor] = await tx
		.select({ id: appUser.id, username: appUser.username })
		.from(appUser)
		.where(eq(appUser.id, change.actorId));
	await audit.record(tx, {
		actor: actor ?? `user:${change.actorId}`,
		action: 'alert.status_changed',
		target: `alert:${a.id}`,
		detail: {
			rule: a.ruleType,
			subject: a.subjectKey,
			period: a.period,
			from,
			to: change.to,
			note: note || undefined
		}
	});
}
