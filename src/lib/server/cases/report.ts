/**
 * The month report's cases: those whose facts fall in the fiscal month — by the dates of the
 * payments or plan lines behind them, not by when the case was opened — counted by level and
 * status, and listed ranked; December's report adds the cases closed into the year summary.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { loc } from '../../domain/alert-text';
import { moneyWords } from '../../domain/alerts/explanation';
import type { AlertStatus } from '../../domain/alerts/lifecycle';
import type { AlertLevel } from '../../domain/alerts/params';
import { afterName, causeLabel, factsText } from '../../domain/cases/labels';
import type { Locale } from '../../i18n';
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

/** A case as the printed report lists it, its words already in the reader's language. */
export interface PrintedCase {
	id: number;
	cause: string;
	period: string;
	level: AlertLevel;
	status: AlertStatus;
	/** 元, exact decimal string. */
	amount: string;
	causeText: string;
	subjectText: string;
	/** The amount in words ("1,234.56 万元"), or — for none. */
	amountText: string;
	/** The facts' dates: one day, "from — to", the period of undated facts, or —. */
	factsText: string;
}

export type PrintedCases = Omit<MonthCases, 'rows' | 'yearClosed'> & {
	rows: PrintedCase[];
	yearClosed: { rows: PrintedCase[]; total: number } | null;
};

/**
 * The month's cases with their words composed here, so the report page (a document to print) ships
 * no case-wording code to the browser.
 */
export function printedCases(cases: MonthCases, locale: Locale): PrintedCases {
	const line = (c: CaseRow): PrintedCase => ({
		id: c.id,
		cause: c.cause,
		period: c.period,
		level: c.level,
		status: c.status,
		amount: c.amount,
		causeText: loc(causeLabel(c.cause), locale),
		subjectText: (
			(c.deptName ?? '') + afterName(c.deptName, c.summary ? loc(c.summary, locale) : c.subject)
		).trim(),
		amountText: c.amount === '0.00' ? '—' : loc(moneyWords(c.amount), locale),
		factsText: factsText(c.factFrom, c.factTo, c.period, locale)
	});
	return {
		byLevel: cases.byLevel,
		total: cases.total,
		rows: cases.rows.map(line),
		yearClosed: cases.yearClosed && {
			rows: cases.yearClosed.rows.map(line),
			total: cases.yearClosed.total
		}
	};
}
