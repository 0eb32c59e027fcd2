/**
 * Working a case: 待核实 open → 已反馈 acknowledged (with a note) → 已整改 resolved | 误报 dismissed,
 * with history, the audit log and the live event, through the write path. Closing a case closes its
 * active findings with it, so the engine does not raise them again unless their level rises.
 */
import { eq, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import { appUser } from '../../../../db/schema/index';
import {
	closes,
	mayMove,
	statusRequestProblem,
	type AlertStatus
} from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import * as audit from '../audit';
import { alertsEvent } from '../alerts/live';
import type { LiveHub } from '../runtime';
import { commitChange, type Change } from '../write-path';
import { caseDetail, openCaseCounts, type CaseDetail } from './queries';

export type CaseStatusResult =
	{ ok: true; case: CaseDetail } | { ok: false; error: string; status: 400 | 404 | 409 };

export interface CaseStatusChange {
	id: number;
	to: AlertStatus;
	note?: string;
	actorId: number;
}

interface Locked {
	id: number;
	status: AlertStatus;
	level: AlertLevel;
	cause: string;
	subject: string;
	period: string;
	year: number;
}

/** Moves a case along its lifecycle, with history and the audit log, in one transaction. */
export async function changeCaseStatus(
	db: Db,
	change: CaseStatusChange,
	live?: LiveHub
): Promise<CaseStatusResult> {
	const note = change.note?.trim() ?? '';
	const problem = statusRequestProblem(change.to, note);
	if (problem) return { ok: false, status: 400, error: problem.replace('an alert', 'a case') };
	return commitChange(db, live, async (tx): Promise<Change<CaseStatusResult>> => {
		const [c] = await rows<Locked>(
			tx,
			sql`select id::int as id, status, level, cause, subject, period, year::int as year
				from alert_case where id = ${change.id} for update`
		);
		if (!c)
			return { result: { ok: false, status: 404, error: `case ${change.id} does not exist` } };
		if (!mayMove(c.status, change.to))
			return {
				result: {
					ok: false,
					status: 409,
					error: `status: a case that is ${c.status} cannot become ${change.to}`
				}
			};
		await recordStatusChange(tx, c, change, note);
		const event = { id: Number(c.id), ruleType: c.cause, level: c.level, status: change.to };
		return {
			result: { ok: true, case: (await caseDetail(tx, Number(c.id)))! },
			events: [
				alertsEvent([{ ...event, change: 'status' }], await openCaseCounts(tx, Number(c.year)))
			]
		};
	});
}

async function recordStatusChange(
	tx: Executor,
	c: Locked,
	change: CaseStatusChange,
	note: string
): Promise<void> {
	const closing = closes(change.to);
	await tx.execute(sql`update alert_case set status = ${change.to}, updated_at = now(),
		closed_at = ${closing ? sql`now()` : sql`null`} where id = ${c.id}`);
	await tx.execute(sql`insert into alert_case_history (case_id, actor_user_id, kind, from_status, to_status, from_level, to_level, note)
		values (${c.id}, ${change.actorId}, 'status', ${c.status}, ${change.to}, ${c.level}, ${c.level}, ${note || null})`);
	if (closing) {
		// The case's active findings close with it (with their own history).
		await tx.execute(sql`with x as (
				update alert a set status = ${change.to}, closed_at = now(), updated_at = now()
				from alert_case_finding f
				where f.case_id = ${c.id} and f.alert_id = a.id and a.status in ('open', 'acknowledged')
				returning a.id, a.level
			)
			insert into alert_history (alert_id, actor_user_id, kind, from_status, to_status, from_level, to_level, note)
			select id, ${change.actorId}, 'status', 'open', ${change.to}, level, level, ${note || null} from x`);
	}
	const [actor] = await tx
		.select({ id: appUser.id, username: appUser.username })
		.from(appUser)
		.where(eq(appUser.id, change.actorId));
	await audit.record(tx, {
		actor: actor ?? `user:${change.actorId}`,
		action: 'alert.status_changed',
		target: `case:${c.id}`,
		detail: {
			rule: c.cause,
			subject: c.subject,
			period: c.period,
			from: c.status,
			to: change.to,
			note: note || undefined
		}
	});
}
