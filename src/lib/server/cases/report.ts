/**
 * The month report's cases: those whose facts fall in the fiscal month — by the dates of the
 * payments or plan lines behind them, not by when the case was opened — counted by level and
 * status, and listed ranked; December's report adds the cases closed into the year summary.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import type { AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import { snapshot } from '../snapshot';
import { listCases, type CaseRow } from './queries';

const STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed', 'cleared'] as const;

export interface MonthCases {
	byLevel: ({ level: AlertLevel; total: number } & Record<AlertStatus, number>)[];
	/** The month's cases, ranked (at most 50). */
	rows: CaseRow[];
	total: number;
	/** December only: the year's cases closed into its summary at year close (at most 50). */
	yearClosed: { rows: CaseRow[]; total: number } | null;
}

export const MONTH_CASES_SHOWN = 50;

export async function monthCases(year: number, month: number): Promise<MonthCases> {
	const factMonth = `${year}-${String(month).padStart(2, '0')}`;
	return snapshot(async (tx) => {
		const from = `${factMonth}-01`;
		const counts = await rows<{ level: AlertLevel; status: AlertStatus; n: number }>(
			tx,
			sql`select level, status, count(*)::int as n from alert_case c
				where c.fact_from < (${from}::date + interval '1 month') and c.fact_to >= ${from}::date
				group by 1, 2`
		);
		const list = await listCases(tx, { factMonth, yearClosed: true, limit: MONTH_CASES_SHOWN });
		const byLevel = (['severe', 'warning', 'notice'] as const).map((level) => {
			const row = {
				level,
				total: 0,
				open: 0,
				acknowledged: 0,
				resolved: 0,
				dismissed: 0,
				cleared: 0
			};
			for (const c of counts)
				if (c.level === level && (STATUSES as readonly string[]).includes(c.status)) {
					row[c.status] += Number(c.n);
					row.total += Number(c.n);
				}
			return row;
		});
		let yearClosed: MonthCases['yearClosed'] = null;
		if (month === 12) {
			const closed = await rows<{ id: number }>(
				tx,
				sql`select 1 as id from fiscal_year_close where year = ${year}`
			);
			if (closed.length > 0) {
				const all = await listCases(tx, { year, yearClosed: true, limit: 1000 });
				const mine = all.rows.filter((c) => c.closedByYearClose);
				yearClosed = { rows: mine.slice(0, MONTH_CASES_SHOWN), total: mine.length };
			}
		}
		return { byLevel, rows: list.rows, total: list.total, yearClosed };
	});
}
