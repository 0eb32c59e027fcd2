/**
 * The alert engine: reconciles the judges' findings with the stored alerts — open, escalate, lower,
 * clear — with history, in the caller's transaction. The plan is pure (domain/alerts/reconcile.ts);
 * this reads the alerts it compares with and writes what it decided, in set-based statements.
 * Same data and as-of date → same alerts; the partial unique index makes a duplicate impossible.
 */
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import type { Evaluation } from '../../domain/alerts/judges/evaluation';
import type { AlertLevel, RuleType } from '../../domain/alerts/params';
import {
	newFindings,
	planChanges,
	type ActiveAlert,
	type ClosedAlert,
	type PlannedChange
} from '../../domain/alerts/reconcile';
import type { AlertChange } from '../../live/events';
import { syncCases } from '../cases/sync';

/**
 * What reconciling the evaluation would change, against the rule's active alerts (and, for new
 * findings, the alerts staff closed for the same subject and period).
 */
export async function plan(ex: Executor, evaluation: Evaluation): Promise<PlannedChange[]> {
	const [active] = await loadActive(ex, [evaluation]);
	return planAgainst(ex, evaluation, active);
}

async function planAgainst(
	ex: Executor,
	evaluation: Evaluation,
	active: ActiveAlert[]
): Promise<PlannedChange[]> {
	const closed = await loadClosed(ex, evaluation.ruleType, newFindings(evaluation, active));
	// An alert whose level stays takes the new figures too: a page never shows an earlier payment's.
	return planChanges(evaluation, active, closed);
}

/**
 * The active alerts each evaluation is compared with, in one statement for all of them (one read
 * per evaluation was a fixed cost of every ingest group: about 2 ms each on PGlite).
 */
async function loadActive(ex: Executor, evaluations: Evaluation[]): Promise<ActiveAlert[][]> {
	// Narrowed to no subject or department (a batch without a large payment): nothing to read.
	const reads = evaluations.filter(
		({ narrow: n }) => n?.subjectKeys?.length !== 0 && n?.depts?.length !== 0
	);
	const out: ActiveAlert[][] = evaluations.map(() => []);
	if (reads.length === 0) return out;
	const parts = reads.map((evaluation) => {
		const i = evaluations.indexOf(evaluation);
		const n = evaluation.narrow;
		return sql`select ${i}::int as part, id::int as id, subject_key, period, level, status, dept_code,
				explanation
			from alert
			where rule_type = ${evaluation.ruleType} and status in ('open', 'acknowledged')
				${n?.period !== undefined ? sql`and period = ${n.period}` : sql``}
				${n?.depts ? sql`and dept_code = ${anyText(n.depts)}` : sql``}
				${n?.subjectKeys ? sql`and subject_key = ${anyText(n.subjectKeys)}` : sql``}`;
	});
	const found = await rows<{
		part: number;
		id: number;
		subject_key: string;
		period: string;
		level: AlertLevel;
		status: 'open' | 'acknowledged';
		dept_code: string | null;
		explanation: unknown;
	}>(ex, sql.join(parts, sql` union all `));
	for (const a of found)
		out[Number(a.part)].push({
			id: a.id,
			subjectKey: a.subject_key,
			period: a.period,
			level: a.level,
			status: a.status,
			deptCode: a.dept_code,
			explanation: a.explanation
		});
	return out;
}

async function loadClosed(
	ex: Executor,
	ruleType: RuleType,
	findings: { subjectKey: string; period: string }[]
): Promise<ClosedAlert[]> {
	if (findings.length === 0) return [];
	const input = findings.map((f) => ({ k: f.subjectKey, p: f.period }));
	const closed = await rows<{ subject_key: string; period: string; level: AlertLevel }>(
		ex,
		sql`select a.subject_key, a.period, a.level from alert a
			join jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(k text, p text) on a.subject_key = x.k and a.period = x.p
			where a.rule_type = ${ruleType} and a.status in ('resolved', 'dismissed')`
	);
	return closed.map((c) => ({ subjectKey: c.subject_key, period: c.period, level: c.level }));
}

/** Writes planned changes (set-based statements) and returns them as live-event changes. */
export async function apply(
	ex: Executor,
	ruleType: RuleType,
	changes: PlannedChange[]
): Promise<AlertChange[]> {
	return [
		...(await openAlerts(
			ex,
			ruleType,
			changes.filter((c) => c.action === 'open')
		)),
		...(await moveAlerts(
			ex,
			ruleType,
			changes.filter((c) => c.action === 'raise' || c.action === 'lower')
		)),
		...(await clearAlerts(
			ex,
			ruleType,
			changes.filter((c) => c.action === 'close')
		))
	];
}

async function openAlerts(
	ex: Executor,
	ruleType: RuleType,
	opens: PlannedChange[]
): Promise<AlertChange[]> {
	if (opens.length === 0) return [];
	const input = opens.map(({ finding: f }) => ({
		rule_type: ruleType,
		subject_key: f!.subjectKey,
		period: f!.period,
		level: f!.level,
		explanation: f!.explanation,
		year: f!.year,
		dept_code: f!.deptCode ?? null,
		func_code: f!.funcCode ?? null,
		project_code: f!.projectCode ?? null
	}));
	const opened = await rows<{ id: number; level: AlertLevel }>(
		ex,
		sql`with x as (
				select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(rule_type text, subject_key text,
					period text, level text, explanation jsonb, year int, dept_code text, func_code text, project_code text)
			), ins as (
				insert into alert (rule_type, subject_key, period, level, status, explanation, year, dept_code, func_code, project_code)
				select rule_type, subject_key, period, level, 'open', explanation, year, dept_code, func_code, project_code from x
				on conflict (rule_type, subject_key, period) where status in ('open', 'acknowledged') do nothing
				returning id, level
			), h as (
				insert into alert_history (alert_id, kind, to_level, to_status) select id, 'opened', level, 'open' from ins
			)
			select id::int as id, level from ins`
	);
	return opened.map((o) => ({
		id: Number(o.id),
		ruleType,
		level: o.level,
		status: 'open',
		change: 'opened'
	}));
}

/** Raises and lowers (with history); a same-level "raise" only rewrites the numbers and is not an event. */
async function moveAlerts(
	ex: Executor,
	ruleType: RuleType,
	moves: PlannedChange[]
): Promise<AlertChange[]> {
	if (moves.length === 0) return [];
	const input = moves.map((c) => ({
		id: c.alert!.id,
		level: c.toLevel,
		explanation: c.finding!.explanation,
		kind: c.fromLevel === c.toLevel ? null : c.action === 'raise' ? 'escalated' : 'lowered',
		from_level: c.fromLevel
	}));
	await ex.execute(sql`with x as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id int, level text, explanation jsonb, kind text, from_level text)
		), upd as (
			update alert a set level = x.level, explanation = x.explanation, updated_at = now() from x where a.id = x.id returning a.id
		)
		insert into alert_history (alert_id, kind, from_level, to_level)
		select id, kind, from_level, level from x where kind is not null`);
	return moves
		.filter((c) => c.fromLevel !== c.toLevel)
		.map((c) => ({
			id: c.alert!.id,
			ruleType,
			level: c.toLevel!,
			status: c.alert!.status,
			change: c.action === 'raise' ? 'escalated' : 'lowered'
		}));
}

async function clearAlerts(
	ex: Executor,
	ruleType: RuleType,
	closes: PlannedChange[]
): Promise<AlertChange[]> {
	if (closes.length === 0) return [];
	const input = closes.map((c) => ({
		id: c.alert!.id,
		from_status: c.alert!.status,
		level: c.alert!.level
	}));
	await ex.execute(sql`with x as (
			select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(id int, from_status text, level text)
		), upd as (
			update alert a set status = 'cleared', closed_at = now(), updated_at = now() from x where a.id = x.id returning a.id
		)
		insert into alert_history (alert_id, kind, from_status, to_status, from_level, to_level)
		select id, 'cleared', from_status, 'cleared', level, level from x`);
	return closes.map((c) => ({
		id: c.alert!.id,
		ruleType,
		level: c.alert!.level,
		status: 'cleared',
		change: 'cleared'
	}));
}

/**
 * Plans and applies each evaluation, then brings the cases of the alerts it touched in step
 * (server/cases/sync.ts), rewriting the explanation of an alert whose level did not change when
 * its numbers did. Returns the cases' changes: those are what pages, the live feed and the webhook work with.
 */
export async function reconcile(ex: Executor, evaluations: Evaluation[]): Promise<AlertChange[]> {
	const touched = new Set<number>();
	// Alerts of different rules are apart, so each rule's first evaluation is compared with what one
	// read found; a rule's further evaluations (another year) read after the earlier ones applied.
	const first = evaluations.filter(
		(e, i) => evaluations.findIndex((o) => o.ruleType === e.ruleType) === i
	);
	const preloaded = await loadActive(ex, first);
	const active = new Map(first.map((e, i) => [e, preloaded[i]]));
	for (const e of evaluations) {
		const known = active.get(e);
		const against = known ?? (await loadActive(ex, [e]))[0];
		const changes = await planAgainst(ex, e, against);
		if (changes.length === 0) continue;
		for (const a of await apply(ex, e.ruleType, changes)) touched.add(a.id);
		for (const c of changes) if (c.alert) touched.add(c.alert.id);
	}
	return touched.size > 0 ? syncCases(ex, [...touched]) : [];
}
