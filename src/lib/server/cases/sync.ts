/**
 * Keeps cases in step with findings: after the engine changed alerts, the (year, department)
 * scopes those alerts belong to are grouped again (domain/cases/grouping.ts) and compared with the
 * scope's active cases — open, escalate, lower, update evidence, clear — with history, in the
 * caller's transaction. A case never spans two departments, so a scope holds whole cases.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { AlertLevel } from '../../domain/alerts/params';
import { groupFindings, type CaseGroup, type FindingRow } from '../../domain/cases/grouping';
import { planCaseSync, type ActiveCase, type CaseUpdate } from '../../domain/cases/sync-plan';
import { fenToYuan, yuanToFen } from '../../domain/money';
import type { AlertChange } from '../../live/events';
import { findingRows } from './findings';
import { closedYears } from './year-close';

/** A year and a department ('' for findings without one). */
export interface Scope {
	y: number;
	d: string;
}

/** The scopes of some alerts. */
export async function scopesOf(ex: Executor, alertIds: readonly number[]): Promise<Scope[]> {
	if (alertIds.length === 0) return [];
	return rows<Scope>(
		ex,
		sql`select distinct year::int as y, coalesce(dept_code, '') as d from alert
			where id in (select (jsonb_array_elements_text(${JSON.stringify(alertIds)}::jsonb))::bigint)`
	);
}

/** Every scope with an active alert or an active case (a full sync). */
export async function allScopes(ex: Executor): Promise<Scope[]> {
	return rows<Scope>(
		ex,
		sql`select year::int as y, coalesce(dept_code, '') as d from alert where status in ('open', 'acknowledged')
			union select year::int, coalesce(dept_code, '') from alert_case where status in ('open', 'acknowledged')`
	);
}

const scopeJoin = (scopes: readonly Scope[], alias: string) =>
	sql`join jsonb_to_recordset(${JSON.stringify(scopes)}::jsonb) as s(y int, d text)
		on ${sql.raw(alias)}.year = s.y and coalesce(${sql.raw(alias)}.dept_code, '') = s.d`;

function loadFindings(ex: Executor, scopes: readonly Scope[]): Promise<FindingRow[]> {
	return findingRows(ex, sql`${scopeJoin(scopes, 'a')} where a.status in ('open', 'acknowledged')`);
}

async function loadActiveCases(ex: Executor, scopes: readonly Scope[]): Promise<ActiveCase[]> {
	const found = await rows<{
		id: number;
		case_key: string;
		level: AlertLevel;
		status: 'open' | 'acknowledged';
		amount: string;
		headline_alert_id: number | null;
		finding_count: number;
		fact_from: string | null;
		fact_to: string | null;
	}>(
		ex,
		sql`select c.id::int as id, c.case_key, c.level, c.status, c.amount::text as amount,
				c.headline_alert_id, c.finding_count, c.fact_from::text as fact_from, c.fact_to::text as fact_to
			from alert_case c ${scopeJoin(scopes, 'c')}
			where c.status in ('open', 'acknowledged')`
	);
	return found.map((c) => ({
		id: Number(c.id),
		key: c.case_key,
		level: c.level,
		status: c.status,
		amount: yuanToFen(c.amount),
		headlineId: c.headline_alert_id === null ? null : Number(c.headline_alert_id),
		findingCount: Number(c.finding_count),
		factFrom: c.fact_from,
		factTo: c.fact_to
	}));
}

const caseColumns = (g: CaseGroup) => ({
	case_key: g.key,
	cause: g.cause,
	subject: g.subject,
	period: g.period,
	year: g.year,
	level: g.level,
	amount: fenToYuan(g.amount),
	dept_code: g.deptCode,
	func_code: g.funcCode,
	project_code: g.projectCode,
	headline_alert_id: g.headlineId,
	finding_count: g.findingIds.length,
	fact_from: g.factFrom,
	fact_to: g.factTo
});

async function openCases(ex: Executor, groups: CaseGroup[]): Promise<Map<string, number>> {
	if (groups.length === 0) return new Map();
	const opened = await rows<{ id: number; case_key: string }>(
		ex,
		sql`with x as (
				select * from jsonb_to_recordset(${JSON.stringify(groups.map(caseColumns))}::jsonb) as x(
					case_key text, cause text, subject text, period text, year int, level text, amount numeric,
					dept_code text, func_code text, project_code text, headline_alert_id int, finding_count int,
					fact_from date, fact_to date)
			), ins as (
				insert into alert_case (case_key, cause, subject, period, year, level, status, amount, dept_code,
					func_code, project_code, headline_alert_id, finding_count, fact_from, fact_to)
				select case_key, cause, subject, period, year, level, 'open', amount, dept_code, func_code,
					project_code, headline_alert_id, finding_count, fact_from, fact_to from x
				returning id, case_key, level
			), h as (
				insert into alert_case_history (case_id, kind, to_level, to_status) select id, 'opened', level, 'open' from ins
			)
			select id::int as id, case_key from ins`
	);
	return new Map(opened.map((o) => [o.case_key, Number(o.id)]));
}

async function updateCases(ex: Executor, updates: CaseUpdate[]): Promise<void> {
	if (updates.length === 0) return;
	const input = updates.map((u) => ({
		id: u.case.id,
		...caseColumns(u.group),
		kind: u.move,
		from_level: u.case.level
	}));
	await ex.execute(sql`with x as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id int, level text, amount numeric,
				headline_alert_id int, finding_count int, fact_from date, fact_to date, kind text, from_level text)
		), upd as (
			update alert_case c set level = x.level, amount = x.amount, headline_alert_id = x.headline_alert_id,
				finding_count = x.finding_count, fact_from = x.fact_from, fact_to = x.fact_to, updated_at = now()
			from x where c.id = x.id returning c.id
		)
		insert into alert_case_history (case_id, kind, from_level, to_level)
		select id, kind, from_level, level from x where kind is not null`);
}

async function clearCases(ex: Executor, cleared: ActiveCase[]): Promise<void> {
	if (cleared.length === 0) return;
	const input = cleared.map((c) => ({ id: c.id, from_status: c.status, level: c.level }));
	await ex.execute(sql`with x as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id int, from_status text, level text)
		), upd as (
			update alert_case c set status = 'cleared', closed_at = now(), updated_at = now() from x where c.id = x.id returning c.id
		)
		insert into alert_case_history (case_id, kind, from_status, to_status, from_level, to_level)
		select id, 'cleared', from_status, 'cleared', level, level from x`);
}

/** Links each case to its findings (evidence), the headline at position 0. */
async function linkFindings(ex: Executor, links: { c: number; a: number; p: number }[]) {
	if (links.length === 0) return;
	await ex.execute(sql`insert into alert_case_finding (case_id, alert_id, position)
		select c, a, p from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as x(c int, a int, p int)
		on conflict (case_id, alert_id) do update set position = excluded.position`);
}

/**
 * Groups the scopes' active findings and brings their cases in step. Returns the cases' changes
 * as live-event changes (id = the case's id, ruleType = its cause).
 */
export async function syncScopes(ex: Executor, all: readonly Scope[]): Promise<AlertChange[]> {
	if (all.length === 0) return [];
	// A closed year's cases stay as they went into its summary.
	const closed = await closedYears(ex);
	const scopes = all.filter((s) => !closed.has(Number(s.y)));
	if (scopes.length === 0) return [];
	const groups = groupFindings(await loadFindings(ex, scopes));
	const plan = planCaseSync(groups, await loadActiveCases(ex, scopes));
	const opened = await openCases(ex, plan.open);
	await updateCases(ex, plan.update);
	await clearCases(ex, plan.clear);
	const idOf = new Map([...plan.update.map((u) => [u.group.key, u.case.id] as const), ...opened]);
	await linkFindings(
		ex,
		[...plan.open, ...plan.update.map((u) => u.group)].flatMap((g) =>
			g.findingIds.map((a, p) => ({ c: idOf.get(g.key)!, a, p }))
		)
	);
	const change = (id: number, g: { cause: string; level: AlertLevel }) => ({
		id,
		ruleType: g.cause,
		level: g.level
	});
	return [
		...plan.open.map((g) => ({
			...change(opened.get(g.key)!, g),
			status: 'open' as const,
			change: 'opened' as const
		})),
		...plan.update
			.filter((u) => u.move)
			.map((u) => ({ ...change(u.case.id, u.group), status: u.case.status, change: u.move! })),
		...plan.clear.map((c) => ({
			id: c.id,
			ruleType: c.key.split('|')[0],
			level: c.level,
			status: 'cleared' as const,
			change: 'cleared' as const
		}))
	];
}

/** Brings the cases of the changed alerts' scopes in step. */
export async function syncCases(ex: Executor, alertIds: readonly number[]): Promise<AlertChange[]> {
	return syncScopes(ex, await scopesOf(ex, alertIds));
}
