/**
 * Staff's changes to findings: a new finding, or the work on one (status, amount rectified, due
 * date, measures, rules issued, accountability), each changed field kept in the history with who
 * and when, through the write path so every open audit page hears of it.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import type { AccountRole } from '../../domain/accounts';
import { validateRecord, type AuditRecord } from '../../domain/records';
import {
	isRectified,
	mayEditFindings,
	readFindingEdit,
	type FindingStatus,
	type FindingWork,
	type WorkField
} from '../../domain/rectification';
import type { LiveHub } from '../runtime';
import { commitChange, type Change, type NewLiveEvent } from '../write-path';
import { storeAuditFindings } from './ingest';

export interface Actor {
	id: number;
	username: string;
	role: AccountRole;
}

export type EditOutcome =
	| { ok: true; changed: number }
	| { ok: false; status: 400 | 403 | 404 | 409; field: string; problem: string };

/** Runs after a change in its transaction (the overdue rule's re-evaluation); returns more events. */
export type AfterChange = (tx: Executor, years: number[]) => Promise<NewLiveEvent[]>;

/** Applies staff's work on a finding; the edit is checked against the finding as locked. */
export async function updateFinding(
	db: Db,
	live: LiveHub | undefined,
	actor: Actor,
	id: string,
	input: Partial<Record<WorkField, string>>,
	after?: AfterChange
): Promise<EditOutcome> {
	if (!mayEditFindings(actor.role))
		return { ok: false, status: 403, field: 'role', problem: 'your role may not change findings' };
	return commitChange(db, live, async (tx): Promise<Change<EditOutcome>> => {
		const [current] = await rows<FindingWork & { amount: string | null; year: number }>(
			tx,
			sql`select status, amount_rectified::text as "amountRectified", due_date::text as "dueDate", measures,
					rules_issued as "rulesIssued", accountability, amount::text as amount, year::int as year
				from audit_finding where id = ${id} for update`
		);
		if (!current)
			return { result: { ok: false, status: 404, field: 'id', problem: `no finding ${id}` } };
		const read = readFindingEdit(actor.role, current, input);
		if (!read.ok)
			return {
				result: {
					ok: false,
					status: read.field === 'status' ? 409 : read.field === 'role' ? 403 : 400,
					field: read.field,
					problem: read.problem
				}
			};
		if (read.changes.length === 0) return { result: { ok: true, changed: 0 } };
		const w = read.work;
		const becameRectified = !isRectified(current.status) && isRectified(w.status);
		await tx.execute(sql`update audit_finding set status = ${w.status}, amount_rectified = ${w.amountRectified},
				due_date = ${w.dueDate}, measures = ${w.measures}, rules_issued = ${w.rulesIssued},
				accountability = ${w.accountability}, updated_at = now(),
				rectified_at = ${isRectified(w.status) ? (becameRectified ? sql`now()` : sql`rectified_at`) : null}
			where id = ${id}`);
		await recordHistory(tx, id, actor, read.changes);
		const years = [Number(current.year)];
		const more = after ? await after(tx, years) : [];
		return {
			result: { ok: true, changed: read.changes.length },
			events: [auditEvent(years, [id]), ...more]
		};
	});
}

async function recordHistory(
	tx: Executor,
	id: string,
	actor: Actor,
	changes: { field: string; old: string | null; new: string | null }[]
): Promise<void> {
	const input = changes.map((c) => ({ field: c.field, old: c.old, new: c.new }));
	await tx.execute(sql`insert into audit_finding_history (finding_id, actor_id, actor, field, old_value, new_value)
		select ${id}, ${actor.id}, ${actor.username}, field, old, new
		from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(field text, old text, new text)`);
}

export function auditEvent(years: number[], findingIds: string[]): NewLiveEvent {
	return { topic: 'audit', audience: 'all', payload: { years, findingIds } };
}

/** A finding staff enter by hand (an audit report's item not received from a list). */
export async function createFinding(
	db: Db,
	live: LiveHub | undefined,
	actor: Actor,
	input: Record<string, unknown>,
	after?: AfterChange
): Promise<{ ok: true; id: string } | { ok: false; status: 400 | 403; problem: string }> {
	if (!mayEditFindings(actor.role))
		return { ok: false, status: 403, problem: 'your role may not create findings' };
	const id = `app-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
	const valid = validateRecord('audit', { ...input, id });
	if (!valid.ok) return { ok: false, status: 400, problem: valid.reason };
	const record: AuditRecord = valid.record;
	return commitChange(db, live, async (tx) => {
		const stored = await storeAuditFindings(
			{ tx, batchId: `staff:${actor.username}`, tz: 'Asia/Shanghai' },
			[{ index: 0, record, raw: input }],
			actor.username
		);
		const more = after ? await after(tx, [record.year]) : [];
		return { result: { ok: true as const, id }, events: [...stored.events, ...more] };
	});
}

export type { FindingStatus };
