/** Reading alerts: the filtered list, one alert with its history, and the active counts of a year. */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../../db/client';
import { alert, alertHistory, appUser } from '../../../../db/schema/index';
import type { Explanation } from '../../domain/alerts/explanation';
import { ACTIVE_STATUSES, type AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel, RuleType } from '../../domain/alerts/params';
import { rowsHref } from '../../domain/alerts/rows-href';
import type { AlertCounts } from '../../live/events';
import { openCaseCounts } from '../cases/queries';

export interface AlertFilter {
	year?: number;
	/** 'active' = open or acknowledged. */
	status?: AlertStatus | AlertStatus[] | 'active';
	level?: AlertLevel | AlertLevel[];
	ruleType?: RuleType;
	/** The period of the data judged (`YYYY-MM`, an asset report's `YYYY`). */
	period?: string;
	deptCode?: string;
	/** Function code prefix. */
	funcCode?: string;
	limit?: number;
	offset?: number;
}

export interface AlertRow {
	id: number;
	ruleType: RuleType;
	subjectKey: string;
	period: string;
	level: AlertLevel;
	status: AlertStatus;
	summary: Explanation['summary'];
	year: number;
	deptCode: string | null;
	funcCode: string | null;
	projectCode: string | null;
	openedAt: Date;
	updatedAt: Date;
	closedAt: Date | null;
}

function filterCondition(filter: AlertFilter): SQL | undefined {
	const where: SQL[] = [];
	const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
	if (filter.year !== undefined) where.push(eq(alert.year, filter.year));
	if (filter.status === 'active') where.push(inArray(alert.status, [...ACTIVE_STATUSES]));
	else if (filter.status) where.push(inArray(alert.status, list(filter.status)));
	if (filter.level) where.push(inArray(alert.level, list(filter.level)));
	if (filter.ruleType) where.push(eq(alert.ruleType, filter.ruleType));
	if (filter.period) where.push(eq(alert.period, filter.period));
	if (filter.deptCode) where.push(eq(alert.deptCode, filter.deptCode));
	if (filter.funcCode)
		where.push(sql`${alert.funcCode} like ${filter.funcCode.replace(/[\\%_]/g, '') + '%'}`);
	return where.length ? and(...where) : undefined;
}

/** Alerts matching the filter, most severe and most recently changed first; `total` ignores limit/offset. */
export async function listAlerts(
	ex: Executor,
	filter: AlertFilter = {}
): Promise<{ rows: AlertRow[]; total: number }> {
	const condition = filterCondition(filter);
	const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
	const [found, [{ n }]] = await Promise.all([
		ex
			.select()
			.from(alert)
			.where(condition)
			.orderBy(
				sql`case ${alert.level} when 'severe' then 3 when 'warning' then 2 else 1 end desc`,
				desc(alert.updatedAt),
				desc(alert.id)
			)
			.limit(limit)
			.offset(Math.max(filter.offset ?? 0, 0)),
		ex
			.select({ n: sql<number>`count(*)`.mapWith(Number) })
			.from(alert)
			.where(condition)
	]);
	return { rows: found.map(toRow), total: n };
}

function toRow(a: typeof alert.$inferSelect): AlertRow {
	return {
		id: a.id,
		ruleType: a.ruleType as RuleType,
		subjectKey: a.subjectKey,
		period: a.period,
		level: a.level as AlertLevel,
		status: a.status as AlertStatus,
		summary: (a.explanation as Explanation).summary,
		year: a.year,
		deptCode: a.deptCode,
		funcCode: a.funcCode,
		projectCode: a.projectCode,
		openedAt: a.openedAt,
		updatedAt: a.updatedAt,
		closedAt: a.closedAt
	};
}

export interface AlertHistoryEntry {
	at: Date;
	/** null: the system. */
	actor: { id: number; username: string; displayName: string | null } | null;
	kind: 'opened' | 'escalated' | 'lowered' | 'status' | 'cleared';
	fromLevel: AlertLevel | null;
	toLevel: AlertLevel | null;
	fromStatus: AlertStatus | null;
	toStatus: AlertStatus | null;
	note: string | null;
}

export interface AlertDetail extends AlertRow {
	explanation: Explanation;
	history: AlertHistoryEntry[];
	/** Where the rows behind the alert are: the payment ledger filtered, or a page of the subject. */
	rowsHref: string;
}

export async function alertDetail(ex: Executor, id: number): Promise<AlertDetail | null> {
	const [a] = await ex.select().from(alert).where(eq(alert.id, id));
	if (!a) return null;
	const history = await ex
		.select({ h: alertHistory, username: appUser.username, displayName: appUser.displayName })
		.from(alertHistory)
		.leftJoin(appUser, eq(appUser.id, alertHistory.actorUserId))
		.where(eq(alertHistory.alertId, id))
		.orderBy(alertHistory.at, alertHistory.id);
	return {
		...toRow(a),
		explanation: a.explanation as Explanation,
		history: history.map(({ h, username, displayName }) => ({
			at: h.at,
			actor:
				h.actorUserId === null
					? null
					: { id: h.actorUserId, username: username ?? '?', displayName: displayName ?? null },
			kind: h.kind as AlertHistoryEntry['kind'],
			fromLevel: h.fromLevel as AlertLevel | null,
			toLevel: h.toLevel as AlertLevel | null,
			fromStatus: h.fromStatus as AlertStatus | null,
			toStatus: h.toStatus as AlertStatus | null,
			note: h.note
		})),
		rowsHref: rowsHref(a)
	};
}

/**
 * Open cases (open + acknowledged) of a year by level: the overview's alert-count tile, the wall and
 * the live events count cases, not findings (server/cases/queries.ts).
 */
export async function openAlertCounts(ex: Executor, year: number): Promise<AlertCounts> {
	return openCaseCounts(ex, year);
}
