/**
 * The month-end report for a committee meeting: the month's headline figures with time progress by
 * months (m/12), the largest gaps, charts rendered to SVG on the server, and the cases whose facts fall in the month.
 */
import { error } from '@sveltejs/kit';
import { monthEnd, type FiscalDate } from '../domain/calendar';
import { parseMonthParam } from '../domain/month-param';
import { exactGap, progressByMonth, type Progress } from '../domain/gap';
import { fenToYuan, yuanToFen } from '../domain/money';
import type { BudgetKind } from '../domain/budget-kinds';
import {
	figures,
	overview,
	type CodeRow,
	type DepartmentRank,
	type Figures,
	type Overview
} from './execution';
import type { RevenueSummary } from './revenue';
import { monthCases, type MonthCases } from './cases/index';
import type { PeriodQuery } from './query';

export interface ReportQuery {
	year: number;
	month: number;
	budgetKind: BudgetKind;
	/** Today in the fiscal zone: a month not over yet is reported through today. */
	today: FiscalDate;
}

/** The cases whose facts fall in the month (not when they were opened), and their status now. */
export type ReportAlerts = MonthCases;

export async function reportAlerts(q: ReportQuery): Promise<ReportAlerts> {
	return monthCases(q.year, q.month);
}

export interface MonthReport extends ReportQuery, Figures {
	asOf: FiscalDate;
	complete: boolean;
	seq: number;
	/** Spent in the month itself, decimal string in 元. */
	monthSpent: string;
	byClass: CodeRow[];
	largestGaps: DepartmentRank[];
	revenue: RevenueSummary;
	overview: Overview;
	alerts: ReportAlerts;
}

/**
 * The report's month from `?month=YYYY-MM` (its year is the period's: periodQuery) or the month
 * number of `?year=`; by default the last complete month. 400 for a month not yet begun.
 */
export function reportMonth(
	url: URL,
	period: PeriodQuery
): { month: number; currentMonth: number } {
	const { year, today } = period;
	if (year > Number(today.slice(0, 4))) error(400, `no month of ${year} has begun`);
	const currentMonth = year === Number(today.slice(0, 4)) ? Number(today.slice(5, 7)) : 12;
	const defaultMonth = year === Number(today.slice(0, 4)) ? Math.max(1, currentMonth - 1) : 12;
	const monthParam = url.searchParams.get('month');
	const month = monthParam === null ? defaultMonth : (parseMonthParam(monthParam)?.month ?? NaN);
	if (!Number.isInteger(month) || month < 1 || month > currentMonth)
		error(
			400,
			`month must be ${year}-01–${year}-${String(currentMonth).padStart(2, '0')} (YYYY-MM) or 1–${currentMonth}`
		);
	return { month, currentMonth };
}

export async function monthReport(q: ReportQuery): Promise<MonthReport> {
	const end = monthEnd(q.year, q.month);
	const asOf = end <= q.today ? end : q.today;
	const o = await overview({ year: q.year, budgetKind: q.budgetKind, asOf }, null);
	// Month-end reports measure time progress by months (domain.md): m/12.
	const tp = progressByMonth(q.month);
	const withTp = <T extends Figures>(r: T): T => ({
		...r,
		...figures(r.initialPlan, r.plan, r.executed, r.payments, tp)
	});
	const prefix = `${q.year}-${String(q.month).padStart(2, '0')}`;
	const monthSpent = o.curve.days
		.filter((d) => d.date.startsWith(prefix))
		.reduce((s, d) => s + yuanToFen(d.amount), 0n);
	const departments = o.departments
		.map(withTp)
		.sort((a, b) => (a.gap === null ? 1 : b.gap === null ? -1 : Number(b.gap) - Number(a.gap)));
	return {
		...q,
		...withTp(o),
		asOf,
		complete: end <= q.today,
		seq: o.seq,
		monthSpent: fenToYuan(monthSpent),
		byClass: o.byClass.map(withTp),
		largestGaps: departments.filter((d) => d.gap !== null && Number(d.gap) > 0).slice(0, 10),
		revenue: { ...o.revenue, ...recomputeRevenue(o.revenue, tp) },
		overview: o,
		alerts: await reportAlerts(q)
	};
}

function recomputeRevenue(r: RevenueSummary, tp: Progress) {
	return { timeProgress: tp.text, gap: exactGap(tp, yuanToFen(r.collected), yuanToFen(r.plan)) };
}
