/**
 * What the case pages read: the ranked list with its counts and filter choices, one case with its
 * findings, history and delivery — each in one snapshot with the live sequence it includes and how
 * fresh the feed is.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../db/client';
import type { AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import type { AlertCounts } from '../../live/events';
import { deliveriesOf, type DeliveryRow } from '../alerts/delivery/queue';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import { caseDetail, listCases, openCaseCounts, type CaseDetail, type CaseRow } from './queries';

export interface Named {
	code: string;
	name: string | null;
}

export interface CasesQuery {
	year: number;
	level?: AlertLevel;
	status: AlertStatus | 'active' | 'all';
	cause?: string;
	deptCode?: string;
}

export interface CasesPage {
	seq: number;
	feed: FeedFreshness;
	/** Open and acknowledged cases of the year by level (not filtered). */
	counts: AlertCounts;
	rows: CaseRow[];
	total: number;
	/** Departments and causes that have cases this year, for the filters. */
	departments: Named[];
	causes: string[];
}

export const CASE_LIST_LIMIT = 200;

export async function casesPage(q: CasesQuery): Promise<CasesPage> {
	return snapshot(async (tx, seq) => {
		const [list, counts, departments, causes, feed] = await Promise.all([
			listCases(tx, {
				year: q.year,
				level: q.level,
				status: q.status === 'all' ? undefined : q.status,
				cause: q.cause,
				deptCode: q.deptCode,
				limit: CASE_LIST_LIMIT
			}),
			openCaseCounts(tx, q.year),
			caseDepartments(tx, q.year),
			rows<{ cause: string }>(
				tx,
				sql`select distinct cause from alert_case where year = ${q.year} order by cause`
			),
			feedFreshness(tx, 'payment')
		]);
		return {
			seq,
			feed,
			counts,
			rows: list.rows,
			total: list.total,
			departments,
			causes: causes.map((c) => c.cause)
		};
	});
}

async function caseDepartments(ex: Executor, year: number): Promise<Named[]> {
	return rows<Named>(
		ex,
		sql`select c.dept_code as code, u.name from (select distinct dept_code from alert_case where year = ${year} and dept_code is not null) c
			left join budget_unit u on u.code = c.dept_code order by c.dept_code`
	);
}

export interface CasePage {
	seq: number;
	feed: FeedFreshness;
	case: CaseDetail;
	deliveries: DeliveryRow[];
}

export async function casePage(id: number): Promise<CasePage | null> {
	return snapshot(async (tx, seq) => {
		const detail = await caseDetail(tx, id);
		if (!detail) return null;
		const [deliveries, feed] = await Promise.all([
			deliveriesOf(tx, String(id)),
			feedFreshness(tx, 'payment')
		]);
		return { seq, feed, case: detail, deliveries };
	});
}
