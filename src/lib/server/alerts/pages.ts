/**
 * What the alert pages read: the list with its counts, one alert with its history and delivery,
 * the rule catalogue and one rule's configuration, the overview's tile and the month report's
 * alerts, each in one snapshot with the live sequence it includes and how fresh the feed is.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import { budgetUnit, classificationCode, planLine } from '../../../../db/schema/index';
import type { Explanation } from '../../domain/alerts/explanation';
import type { AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel, RuleType } from '../../domain/alerts/params';
import type { AlertCounts } from '../../live/events';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import { deliveriesOf, type DeliveryRow } from './delivery/queue';
import {
	alertDetail,
	listAlerts,
	openAlertCounts,
	type AlertDetail,
	type AlertRow
} from './queries';
import { ruleCatalogue, ruleConfig, type RuleConfig, type RuleSummary } from './rule-settings';

export interface Named {
	code: string;
	name: string | null;
}

export interface AlertsQuery {
	year: number;
	level?: AlertLevel;
	status: AlertStatus | 'active' | 'all';
	ruleType?: RuleType;
	deptCode?: string;
}

export interface AlertsPage {
	seq: number;
	feed: FeedFreshness;
	/** Open and acknowledged alerts of the year by level (not filtered). */
	counts: AlertCounts;
	rows: (AlertRow & { deptName: string | null })[];
	total: number;
	/** Departments that have alerts this year, for the filter. */
	departments: Named[];
}

export const LIST_LIMIT = 200;

export async function alertsPage(q: AlertsQuery): Promise<AlertsPage> {
	return snapshot(async (tx, seq) => {
		const [list, counts, departments, feed] = await Promise.all([
			listAlerts(tx, {
				year: q.year,
				level: q.level,
				status: q.status === 'all' ? undefined : q.status,
				ruleType: q.ruleType,
				deptCode: q.deptCode,
				limit: LIST_LIMIT
			}),
			openAlertCounts(tx, q.year),
			alertDepartments(tx, q.year),
			feedFreshness(tx, 'payment')
		]);
		const names = new Map(departments.map((d) => [d.code, d.name]));
		return {
			seq,
			feed,
			counts,
			rows: list.rows.map((r) => ({
				...r,
				deptName: r.deptCode ? (names.get(r.deptCode) ?? null) : null
			})),
			total: list.total,
			departments
		};
	});
}

async function alertDepartments(ex: Executor, year: number): Promise<Named[]> {
	return rows<Named>(
		ex,
		sql`select a.dept_code as code, u.name from (select distinct dept_code from alert where year = ${year} and dept_code is not null) a
			left join budget_unit u on u.code = a.dept_code order by a.dept_code`
	);
}

export interface AlertPage {
	seq: number;
	feed: FeedFreshness;
	alert: AlertDetail;
	deliveries: DeliveryRow[];
}

export async function alertPage(id: number): Promise<AlertPage | null> {
	return snapshot(async (tx, seq) => {
		const detail = await alertDetail(tx, id);
		if (!detail) return null;
		const [deliveries, feed] = await Promise.all([
			deliveriesOf(tx, String(id)),
			feedFreshness(tx, 'payment')
		]);
		return { seq, feed, alert: detail, deliveries };
	});
}

export interface RulesPage {
	seq: number;
	feed: FeedFreshness;
	rules: RuleSummary[];
}

export async function rulesPage(year: number): Promise<RulesPage> {
	return snapshot(async (tx, seq) => {
		const [rules, feed] = await Promise.all([
			ruleCatalogue(tx, year),
			feedFreshness(tx, 'payment')
		]);
		return { seq, feed, rules };
	});
}

export interface RulePage {
	seq: number;
	feed: FeedFreshness;
	config: RuleConfig;
	/** Names of the overrides' scopes (departments, function codes, projects). */
	scopeNames: Record<string, string>;
	activeAlerts: AlertCounts;
}

export async function rulePage(type: RuleType, year: number): Promise<RulePage | null> {
	return snapshot(async (tx, seq) => {
		const config = await ruleConfig(tx, type);
		if (!config) return null;
		const [feed, catalogue] = await Promise.all([
			feedFreshness(tx, 'payment'),
			ruleCatalogue(tx, year)
		]);
		const scopes = [
			...config.overrides.map((o) => ({ kind: o.scopeKind, code: o.scopeCode })),
			...config.changes.flatMap((c) => (c.scope ? [c.scope] : []))
		];
		return {
			seq,
			feed,
			config,
			scopeNames: await scopeNames(tx, scopes),
			activeAlerts: catalogue.find((r) => r.type === type)?.activeAlerts ?? {
				notice: 0,
				warning: 0,
				severe: 0,
				total: 0
			}
		};
	});
}

/** `kind:code` → name, for departments, function codes and projects. */
async function scopeNames(
	ex: Executor,
	scopes: { kind: string; code: string }[]
): Promise<Record<string, string>> {
	const codes = (kind: string) => [
		...new Set(scopes.filter((s) => s.kind === kind).map((s) => s.code))
	];
	const out: Record<string, string> = {};
	const depts = codes('department');
	const funcs = codes('function');
	const projects = codes('project');
	if (depts.length)
		for (const r of await ex
			.select({ code: budgetUnit.code, name: budgetUnit.name })
			.from(budgetUnit)
			.where(inArray(budgetUnit.code, depts)))
			out[`department:${r.code}`] = r.name;
	if (funcs.length)
		for (const r of await ex
			.select({ code: classificationCode.code, name: classificationCode.name })
			.from(classificationCode)
			.where(
				and(eq(classificationCode.scheme, 'function'), inArray(classificationCode.code, funcs))
			))
			out[`function:${r.code}`] = r.name;
	if (projects.length)
		for (const r of await ex
			.select({ code: planLine.projectCode, name: planLine.projectName })
			.from(planLine)
			.where(and(inArray(planLine.projectCode, projects), isNotNull(planLine.projectName)))
			.groupBy(planLine.projectCode, planLine.projectName))
			if (r.name) out[`project:${r.code}`] = r.name;
	return out;
}

export interface AlertTile {
	year: number;
	/** Live `alerts` events carry the counts of the current fiscal year only. */
	current: boolean;
	counts: AlertCounts;
	seq: number;
}

/** The overview's alert-count tile: open and acknowledged alerts of the year by level. */
export async function alertTile(year: number, currentYear: number): Promise<AlertTile> {
	return snapshot(async (tx, seq) => ({
		year,
		current: year === currentYear,
		counts: await openAlertCounts(tx, year),
		seq
	}));
}

export interface MonthAlerts {
	/** Alerts raised in the month by level, counted by their status now. */
	byLevel: {
		level: AlertLevel;
		raised: number;
		open: number;
		acknowledged: number;
		resolved: number;
		dismissed: number;
		cleared: number;
	}[];
	/** The month's alerts, most severe first (at most 50). */
	rows: {
		id: number;
		level: AlertLevel;
		ruleType: string;
		summary: Explanation['summary'];
		openedAt: Date;
		status: AlertStatus;
	}[];
	total: number;
}

/** The alerts raised in a fiscal month (opened_at in the fiscal zone) and their status now. */
export async function monthAlerts(year: number, month: number, tz: string): Promise<MonthAlerts> {
	return snapshot(async (tx) => {
		const from = `${year}-${String(month).padStart(2, '0')}-01`;
		const inMonth = sql`opened_at >= (${from}::date)::timestamp at time zone ${tz} and opened_at < ((${from}::date + interval '1 month')::timestamp at time zone ${tz})`;
		const counts = await rows<{ level: AlertLevel; status: AlertStatus; n: number }>(
			tx,
			sql`select level, status, count(*)::int as n from alert where ${inMonth} group by 1, 2`
		);
		const found = await rows<{
			id: number;
			level: AlertLevel;
			rule_type: string;
			explanation: unknown;
			opened_at: Date | string;
			status: AlertStatus;
		}>(
			tx,
			sql`select id::int as id, level, rule_type, explanation, opened_at, status from alert where ${inMonth}
				order by case level when 'severe' then 3 when 'warning' then 2 else 1 end desc, opened_at, id limit 50`
		);
		const byLevel = (['severe', 'warning', 'notice'] as const).map((level) => {
			const row = {
				level,
				raised: 0,
				open: 0,
				acknowledged: 0,
				resolved: 0,
				dismissed: 0,
				cleared: 0
			};
			for (const c of counts)
				if (c.level === level) {
					row[c.status] += Number(c.n);
					row.raised += Number(c.n);
				}
			return row;
		});
		return {
			byLevel,
			rows: found.map((a) => ({
				id: a.id,
				level: a.level,
				ruleType: a.rule_type,
				summary: (typeof a.explanation === 'string'
					? JSON.parse(a.explanation)
					: (a.explanation as Explanation)
				).summary,
				openedAt: new Date(a.opened_at),
				status: a.status
			})),
			total: byLevel.reduce((s, l) => s + l.raised, 0)
		};
	});
}
