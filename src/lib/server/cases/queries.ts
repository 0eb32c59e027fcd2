/** Reading cases: the ranked list, one case with its findings (evidence) and history, the counts. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { Explanation } from '../../domain/alerts/explanation';
import type { AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import { rowsHref } from '../../domain/alerts/rows-href';
import type { AlertCounts } from '../../live/events';

export interface CaseFilter {
	year?: number;
	/** 'active' = open or acknowledged. */
	status?: AlertStatus | 'active';
	level?: AlertLevel;
	cause?: string;
	deptCode?: string;
	/** Cases whose facts fall in a fiscal month, YYYY-MM. */
	factMonth?: string;
	/** Include cases closed into their year's summary (only the year summary does). */
	yearClosed?: boolean;
	limit?: number;
	offset?: number;
}

export interface CaseRow {
	id: number;
	cause: string;
	subject: string;
	period: string;
	year: number;
	level: AlertLevel;
	status: AlertStatus;
	/** 元, exact decimal string. */
	amount: string;
	deptCode: string | null;
	deptName: string | null;
	funcCode: string | null;
	projectCode: string | null;
	findingCount: number;
	factFrom: string | null;
	factTo: string | null;
	closedByYearClose: boolean;
	/** The headline finding's rule and summary. */
	ruleType: string | null;
	summary: Explanation['summary'] | null;
	openedAt: Date;
	updatedAt: Date;
	closedAt: Date | null;
}

function where(f: CaseFilter): SQL {
	const parts: SQL[] = [sql`true`];
	if (f.year !== undefined) parts.push(sql`c.year = ${f.year}`);
	if (f.status === 'active') parts.push(sql`c.status in ('open', 'acknowledged')`);
	else if (f.status) parts.push(sql`c.status = ${f.status}`);
	if (f.level) parts.push(sql`c.level = ${f.level}`);
	if (f.cause) parts.push(sql`c.cause = ${f.cause}`);
	if (f.deptCode) parts.push(sql`c.dept_code = ${f.deptCode}`);
	if (f.factMonth) {
		const from = `${f.factMonth}-01`;
		parts.push(
			sql`c.fact_from < (${from}::date + interval '1 month') and c.fact_to >= ${from}::date`
		);
	}
	if (!f.yearClosed) parts.push(sql`not c.closed_by_year_close`);
	return sql.join(parts, sql` and `);
}

type Raw = {
	id: number;
	cause: string;
	subject: string;
	period: string;
	year: number;
	level: AlertLevel;
	status: AlertStatus;
	amount: string;
	dept_code: string | null;
	dept_name: string | null;
	func_code: string | null;
	project_code: string | null;
	finding_count: number;
	fact_from: string | null;
	fact_to: string | null;
	closed_by_year_close: boolean;
	rule_type: string | null;
	explanation: unknown;
	opened_at: Date | string;
	updated_at: Date | string;
	closed_at: Date | string | null;
};

const SELECT = sql`select c.id::int as id, c.cause, c.subject, c.period, c.year::int as year, c.level, c.status,
		c.amount::text as amount, c.dept_code, u.name as dept_name, c.func_code, c.project_code,
		c.finding_count::int as finding_count, c.fact_from::text as fact_from, c.fact_to::text as fact_to,
		c.closed_by_year_close, a.rule_type, a.explanation, c.opened_at, c.updated_at, c.closed_at
	from alert_case c
	left join alert a on a.id = c.headline_alert_id
	left join budget_unit u on u.code = c.dept_code`;

const RANK = sql`case c.level when 'severe' then 3 when 'warning' then 2 else 1 end desc, c.amount desc, c.id`;

function toRow(r: Raw): CaseRow {
	const x = typeof r.explanation === 'string' ? JSON.parse(r.explanation) : r.explanation;
	return {
		id: Number(r.id),
		cause: r.cause,
		subject: r.subject,
		period: r.period,
		year: Number(r.year),
		level: r.level,
		status: r.status,
		amount: r.amount,
		deptCode: r.dept_code,
		deptName: r.dept_name,
		funcCode: r.func_code,
		projectCode: r.project_code,
		findingCount: Number(r.finding_count),
		factFrom: r.fact_from,
		factTo: r.fact_to,
		closedByYearClose: Boolean(r.closed_by_year_close),
		ruleType: r.rule_type,
		summary: (x as Explanation | null)?.summary ?? null,
		openedAt: new Date(r.opened_at),
		updatedAt: new Date(r.updated_at),
		closedAt: r.closed_at === null ? null : new Date(r.closed_at)
	};
}

/** Cases matching the filter, ranked by level, then amount involved; `total` ignores limit/offset. */
export async function listCases(
	ex: Executor,
	filter: CaseFilter = {}
): Promise<{ rows: CaseRow[]; total: number }> {
	const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
	const cond = where(filter);
	const [found, [{ n }]] = await Promise.all([
		rows<Raw>(
			ex,
			sql`${SELECT} where ${cond} order by ${RANK} limit ${limit} offset ${Math.max(filter.offset ?? 0, 0)}`
		),
		rows<{ n: number }>(ex, sql`select count(*)::int as n from alert_case c where ${cond}`)
	]);
	return { rows: found.map(toRow), total: Number(n) };
}

/** Active (open + acknowledged) cases of a year by level: the overview's alert-count tile. */
export async function openCaseCounts(ex: Executor, year: number): Promise<AlertCounts> {
	const found = await rows<{ level: AlertLevel; n: number }>(
		ex,
		sql`select level, count(*)::int as n from alert_case
			where year = ${year} and status in ('open', 'acknowledged') and not closed_by_year_close
			group by level`
	);
	const counts: AlertCounts = { notice: 0, warning: 0, severe: 0, total: 0 };
	for (const f of found) {
		counts[f.level] = Number(f.n);
		counts.total += Number(f.n);
	}
	return counts;
}

export interface CaseFinding {
	id: number;
	ruleType: string;
	subjectKey: string;
	period: string;
	level: AlertLevel;
	status: AlertStatus;
	explanation: Explanation;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	/** Where the rows behind the finding are (ledger filtered, the payment, the plan line's page). */
	rowsHref: string;
}

export interface CaseHistoryEntry {
	at: Date;
	actor: { id: number; username: string; displayName: string | null } | null;
	kind: string;
	fromLevel: AlertLevel | null;
	toLevel: AlertLevel | null;
	fromStatus: AlertStatus | null;
	toStatus: AlertStatus | null;
	note: string | null;
}

export interface CaseDetail extends CaseRow {
	findings: CaseFinding[];
	history: CaseHistoryEntry[];
}

async function findingsOf(ex: Executor, id: number): Promise<CaseFinding[]> {
	const found = await rows<{
		id: number;
		rule_type: string;
		subject_key: string;
		period: string;
		year: number;
		level: AlertLevel;
		status: AlertStatus;
		explanation: unknown;
		dept_code: string | null;
		func_code: string | null;
		project_code: string | null;
	}>(
		ex,
		sql`select a.id::int as id, a.rule_type, a.subject_key, a.period, a.year::int as year, a.level, a.status,
				a.explanation, a.dept_code, a.func_code, a.project_code
			from alert_case_finding f join alert a on a.id = f.alert_id
			where f.case_id = ${id}
			order by case when a.status in ('open', 'acknowledged') then 0 else 1 end, f.position, a.id`
	);
	return found.map((a) => ({
		id: Number(a.id),
		ruleType: a.rule_type,
		subjectKey: a.subject_key,
		period: a.period,
		level: a.level,
		status: a.status,
		explanation: typeof a.explanation === 'string' ? JSON.parse(a.explanation) : a.explanation,
		deptCode: a.dept_code,
		funcCode: a.func_code,
		projectCode: a.project_code,
		rowsHref: rowsHref({
			ruleType: a.rule_type,
			subjectKey: a.subject_key,
			year: Number(a.year),
			period: a.period,
			deptCode: a.dept_code,
			funcCode: a.func_code,
			projectCode: a.project_code
		})
	}));
}

async function historyOf(ex: Executor, id: number): Promise<CaseHistoryEntry[]> {
	const found = await rows<{
		at: Date | string;
		actor_user_id: number | null;
		username: string | null;
		display_name: string | null;
		kind: string;
		from_level: AlertLevel | null;
		to_level: AlertLevel | null;
		from_status: AlertStatus | null;
		to_status: AlertStatus | null;
		note: string | null;
	}>(
		ex,
		sql`select h.at, h.actor_user_id, u.username, u.display_name, h.kind, h.from_level, h.to_level,
				h.from_status, h.to_status, h.note
			from alert_case_history h left join app_user u on u.id = h.actor_user_id
			where h.case_id = ${id} order by h.at, h.id`
	);
	return found.map((h) => ({
		at: new Date(h.at),
		actor:
			h.actor_user_id === null
				? null
				: {
						id: Number(h.actor_user_id),
						username: h.username ?? '?',
						displayName: h.display_name ?? null
					},
		kind: h.kind,
		fromLevel: h.from_level,
		toLevel: h.to_level,
		fromStatus: h.from_status,
		toStatus: h.to_status,
		note: h.note
	}));
}

export async function caseDetail(ex: Executor, id: number): Promise<CaseDetail | null> {
	const [found] = await rows<Raw>(ex, sql`${SELECT} where c.id = ${id}`);
	if (!found) return null;
	const [findings, history] = await Promise.all([findingsOf(ex, id), historyOf(ex, id)]);
	return { ...toRow(found), findings, history };
}

/** The case each alert (finding) is evidence in: its newest case; alerts in no case are left out. */
export async function caseIdsOfAlerts(
	ex: Executor,
	alertIds: readonly number[]
): Promise<Map<number, number>> {
	if (alertIds.length === 0) return new Map();
	const found = await rows<{ alert_id: number; case_id: number }>(
		ex,
		sql`select alert_id::int as alert_id, max(case_id)::int as case_id from alert_case_finding
			where alert_id in (${sql.join(
				alertIds.map((id) => sql`${id}`),
				sql`, `
			)}) group by alert_id`
	);
	return new Map(found.map((r) => [Number(r.alert_id), Number(r.case_id)]));
}
