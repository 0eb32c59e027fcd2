/**
 * The alert engine: loads the rule settings, runs the rules over what changed (after an ingest
 * batch) or over everything time moves (periodically), and reconciles their findings with the
 * stored alerts — open, escalate, lower, clear — with history, in the caller's transaction.
 * Same data and as-of date → same alerts; the partial unique index makes a duplicate impossible.
 */
import { sql } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import { LEVEL_RANK } from '../../domain/alerts/decimal';
import {
	DEFAULT_PARAMS,
	RULE_TYPES,
	isRuleType,
	parseRuleParams,
	type AlertLevel,
	type RuleType
} from '../../domain/alerts/params';
import type { AlertChange, AlertCounts } from '../../live/events';
import type { Evaluation, Finding, RuleSetting, RuleSettings } from './subjects';

/** Inserts the catalogue's defaults for rule types not yet stored (start-up and every evaluation's first read). */
export async function ensureRules(ex: Executor): Promise<void> {
	const input = RULE_TYPES.map((type) => ({ type, params: DEFAULT_PARAMS[type] }));
	await ex.execute(sql`insert into alert_rule (type, enabled, params)
		select type, true, params from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(type text, params jsonb)
		on conflict (type) do nothing`);
}

export async function loadSettings(ex: Executor): Promise<RuleSettings> {
	let [rules, overrides] = await Promise.all([
		rows<{ type: string; enabled: boolean; params: unknown }>(
			ex,
			sql`select type, enabled, params from alert_rule`
		),
		rows<{ rule_type: string; scope_kind: string; scope_code: string; params: unknown }>(
			ex,
			sql`select rule_type, scope_kind, scope_code, params from alert_rule_override order by rule_type, scope_kind, scope_code`
		)
	]);
	if (rules.length < RULE_TYPES.length) {
		await ensureRules(ex);
		rules = await rows(ex, sql`select type, enabled, params from alert_rule`);
	}
	const settings = {} as Record<RuleType, RuleSetting>;
	for (const r of rules) {
		if (!isRuleType(r.type)) continue;
		// Params stored before a field was added get it from the defaults.
		const parsed = parseRuleParams(r.type, { ...DEFAULT_PARAMS[r.type], ...(r.params as object) });
		settings[r.type] = {
			type: r.type,
			enabled: r.enabled,
			params: parsed.ok ? parsed.params : DEFAULT_PARAMS[r.type],
			overrides: []
		} as RuleSetting;
	}
	for (const o of overrides) {
		if (!isRuleType(o.rule_type) || !settings[o.rule_type]) continue;
		settings[o.rule_type].overrides.push({
			scopeKind: o.scope_kind as never,
			scopeCode: o.scope_code,
			params: o.params as never
		});
	}
	return settings as unknown as RuleSettings;
}

export interface ActiveAlert {
	id: number;
	subject_key: string;
	period: string;
	level: AlertLevel;
	status: 'open' | 'acknowledged';
	dept_code: string | null;
	explanation: unknown;
}

const keyOf = (subjectKey: string, period: string) => `${subjectKey}\u0000${period}`;

/** A change the reconciliation would make (and, when writing, made). */
export interface PlannedChange {
	action: 'open' | 'raise' | 'lower' | 'close';
	finding?: Finding;
	alert?: ActiveAlert;
	fromLevel?: AlertLevel;
	toLevel?: AlertLevel;
}

/**
 * Compares findings with the active alerts of the rule. An alert staff closed (resolved, dismissed)
 * is not reopened for the same subject and period unless the level rises above what they closed.
 */
export async function plan(
	ex: Executor,
	evaluation: Evaluation,
	options: { refresh?: boolean } = {}
): Promise<PlannedChange[]> {
	const refresh = options.refresh ?? true;
	const n = evaluation.narrow;
	const active = await rows<ActiveAlert>(
		ex,
		sql`select id::int as id, subject_key, period, level, status, dept_code, ${refresh ? sql`explanation` : sql`null::jsonb as explanation`}
			from alert
			where rule_type = ${evaluation.ruleType} and status in ('open', 'acknowledged')
				${n?.period !== undefined ? sql`and period = ${n.period}` : sql``}
				${n?.depts ? sql`and dept_code = ${anyText(n.depts)}` : sql``}
				${n?.subjectKeys ? sql`and subject_key = ${anyText(n.subjectKeys)}` : sql``}`
	);
	const activeByKey = new Map(active.map((a) => [keyOf(a.subject_key, a.period), a]));
	const findingByKey = new Map(evaluation.findings.map((f) => [keyOf(f.subjectKey, f.period), f]));
	const newKeys = evaluation.findings.filter(
		(f) => !activeByKey.has(keyOf(f.subjectKey, f.period))
	);
	const closedLevel = new Map<string, AlertLevel>();
	if (newKeys.length > 0) {
		const input = newKeys.map((f) => ({ k: f.subjectKey, p: f.period }));
		const closed = await rows<{ subject_key: string; period: string; level: AlertLevel }>(
			ex,
			sql`select a.subject_key, a.period, a.level from alert a
				join jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(k text, p text) on a.subject_key = x.k and a.period = x.p
				where a.rule_type = ${evaluation.ruleType} and a.status in ('resolved', 'dismissed')`
		);
		for (const c of closed) {
			const key = keyOf(c.subject_key, c.period);
			const prior = closedLevel.get(key);
			if (!prior || LEVEL_RANK[c.level] > LEVEL_RANK[prior]) closedLevel.set(key, c.level);
		}
	}
	const changes: PlannedChange[] = [];
	for (const [key, f] of findingByKey) {
		const a = activeByKey.get(key);
		if (!a) {
			const closed = closedLevel.get(key);
			if (closed && LEVEL_RANK[closed] >= LEVEL_RANK[f.level]) continue;
			changes.push({ action: 'open', finding: f, toLevel: f.level });
		} else if (LEVEL_RANK[f.level] > LEVEL_RANK[a.level]) {
			changes.push({ action: 'raise', finding: f, alert: a, fromLevel: a.level, toLevel: f.level });
		} else if (LEVEL_RANK[f.level] < LEVEL_RANK[a.level]) {
			changes.push({ action: 'lower', finding: f, alert: a, fromLevel: a.level, toLevel: f.level });
		} else if (refresh && stable(a.explanation) !== stable(f.explanation)) {
			changes.push({ action: 'raise', finding: f, alert: a, fromLevel: a.level, toLevel: a.level }); // same level: refresh the numbers
		}
	}
	for (const [key, a] of activeByKey) {
		if (findingByKey.has(key)) continue;
		if (!evaluation.covers({ subjectKey: a.subject_key, period: a.period, deptCode: a.dept_code }))
			continue;
		changes.push({ action: 'close', alert: a, fromLevel: a.level });
	}
	return changes;
}

/** JSON with sorted keys: jsonb does not keep key order. */
function stable(value: unknown): string {
	return JSON.stringify(value, (_k, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
			: v
	);
}

/** Writes planned changes (set-based statements) and returns them as live-event changes. */
export async function apply(
	ex: Executor,
	ruleType: RuleType,
	changes: PlannedChange[]
): Promise<AlertChange[]> {
	const out: AlertChange[] = [];
	const opens = changes.filter((c) => c.action === 'open');
	if (opens.length > 0) {
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
		for (const o of opened)
			out.push({ id: Number(o.id), ruleType, level: o.level, status: 'open', change: 'opened' });
	}
	const moves = changes.filter((c) => c.action === 'raise' || c.action === 'lower');
	if (moves.length > 0) {
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
		for (const c of moves)
			if (c.fromLevel !== c.toLevel)
				out.push({
					id: c.alert!.id,
					ruleType,
					level: c.toLevel!,
					status: c.alert!.status,
					change: c.action === 'raise' ? 'escalated' : 'lowered'
				});
	}
	const closes = changes.filter((c) => c.action === 'close');
	if (closes.length > 0) {
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
		for (const c of closes)
			out.push({
				id: c.alert!.id,
				ruleType,
				level: c.alert!.level,
				status: 'cleared',
				change: 'cleared'
			});
	}
	return out;
}

/**
 * Plans and applies each evaluation. `refresh` rewrites the explanation of an alert whose level did
 * not change when its numbers did (periodic runs); on ingest an alert keeps the numbers it was
 * opened or last escalated or lowered with, which keeps the hot path to alerts that change level.
 */
export async function reconcile(
	ex: Executor,
	evaluations: Evaluation[],
	options: { refresh?: boolean } = {}
): Promise<AlertChange[]> {
	const out: AlertChange[] = [];
	for (const e of evaluations) {
		const changes = await plan(ex, e, options);
		if (changes.length > 0) out.push(...(await apply(ex, e.ruleType, changes)));
	}
	return out;
}

/** Active alerts of a year by level. */
export async function countActive(ex: Executor, year: number): Promise<AlertCounts> {
	const found = await rows<{ level: AlertLevel; n: number }>(
		ex,
		sql`select level, count(*)::int as n from alert where year = ${year} and status in ('open', 'acknowledged') group by level`
	);
	const counts: AlertCounts = { notice: 0, warning: 0, severe: 0, total: 0 };
	for (const f of found) {
		counts[f.level] = Number(f.n);
		counts.total += Number(f.n);
	}
	return counts;
}
