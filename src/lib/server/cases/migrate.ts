/**
 * Alerts stored before cases existed become cases at first start, keeping their history: the active
 * ones are grouped as the engine groups them (acknowledged when staff had acknowledged one of them),
 * those staff resolved or dismissed become closed cases with the same status. Each case's history is
 * its alerts' history (who, when, notes). Runs once: only while no case exists.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../../../../db/client';
import { groupFindings, type CaseGroup } from '../../domain/cases/grouping';
import { fenToYuan } from '../../domain/money';
import { COMMIT_ORDER_LOCK } from '../write-path';
import { findingRows } from './findings';
import { allScopes, syncScopes } from './sync';

/** Copies the member alerts' history into the cases' (replacing what the sync wrote). */
async function copyHistory(ex: Executor, caseIds: number[]): Promise<void> {
	if (caseIds.length === 0) return;
	const ids = JSON.stringify(caseIds);
	const list = sql`(select (jsonb_array_elements_text(${ids}::jsonb))::int)`;
	await ex.execute(sql`delete from alert_case_history where case_id in ${list}`);
	await ex.execute(sql`insert into alert_case_history (case_id, at, actor_user_id, kind, from_level, to_level, from_status, to_status, note, alert_id)
		select f.case_id, h.at, h.actor_user_id, h.kind, h.from_level, h.to_level, h.from_status, h.to_status, h.note, h.alert_id
		from alert_case_finding f join alert_history h on h.alert_id = f.alert_id
		where f.case_id in ${list}
		order by h.at, h.id`);
	await ex.execute(sql`update alert_case c set opened_at = x.opened_at from (
			select f.case_id, min(a.opened_at) as opened_at from alert_case_finding f join alert a on a.id = f.alert_id
			where f.case_id in ${list} group by f.case_id
		) x where c.id = x.case_id`);
}

/** Active cases any of whose alerts staff had acknowledged are acknowledged. */
async function carryAcknowledged(ex: Executor): Promise<void> {
	await ex.execute(sql`update alert_case c set status = 'acknowledged'
		where c.status = 'open' and exists (
			select 1 from alert_case_finding f join alert a on a.id = f.alert_id
			where f.case_id = c.id and a.status = 'acknowledged')`);
}

/** Alerts staff closed (resolved or dismissed) become closed cases with that status. */
async function closedCases(ex: Executor): Promise<void> {
	for (const status of ['resolved', 'dismissed'] as const) {
		const groups = groupFindings(await findingRows(ex, sql`where a.status = ${status}`));
		for (const g of groups) await insertClosed(ex, g, status);
	}
}

async function insertClosed(
	ex: Executor,
	g: CaseGroup,
	status: 'resolved' | 'dismissed'
): Promise<void> {
	const [c] = await rows<{ id: number }>(
		ex,
		sql`insert into alert_case (case_key, cause, subject, period, year, level, status, amount, dept_code,
				func_code, project_code, headline_alert_id, finding_count, fact_from, fact_to, closed_at)
			select ${g.key}, ${g.cause}, ${g.subject}, ${g.period}, ${g.year}, ${g.level}, ${status},
				${fenToYuan(g.amount)}, ${g.deptCode}, ${g.funcCode}, ${g.projectCode}, ${g.headlineId},
				${g.findingIds.length}, ${g.factFrom}::date, ${g.factTo}::date,
				(select max(closed_at) from alert where id in (select (jsonb_array_elements_text(${JSON.stringify(g.findingIds)}::jsonb))::bigint))
			returning id::int as id`
	);
	await ex.execute(sql`insert into alert_case_finding (case_id, alert_id, position)
		select ${c.id}, a, p from jsonb_to_recordset(${JSON.stringify(g.findingIds.map((a, p) => ({ a, p })))}::jsonb) as x(a int, p int)`);
}

/** Groups the stored alerts into cases when no case exists yet; returns how many cases it made. */
export async function migrateAlertsToCases(db: Db): Promise<number> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${COMMIT_ORDER_LOCK})`);
		const [state] = await rows<{ cases: boolean; alerts: boolean }>(
			tx,
			sql`select exists (select 1 from alert_case) as cases, exists (select 1 from alert) as alerts`
		);
		if (state.cases || !state.alerts) return 0;
		await syncScopes(tx, await allScopes(tx));
		await carryAcknowledged(tx);
		await closedCases(tx);
		const all = await rows<{ id: number }>(tx, sql`select id::int as id from alert_case`);
		await copyHistory(
			tx,
			all.map((c) => Number(c.id))
		);
		return all.length;
	});
}
