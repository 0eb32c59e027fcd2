// Reads the common query parameters of supervision pages: year, budget kind, as-of date.
import { error } from '@sveltejs/kit';
import { fiscalToday } from '../domain/fiscal';
import { isFiscalDate, monthEnd, type FiscalDate } from '../domain/calendar';
import {
	BUDGET_KINDS,
	DEFAULT_BUDGET_KIND,
	isBudgetKind,
	type BudgetKind
} from '../domain/budget-kinds';
import { parseMonthParam } from '../domain/month-param';
import { runtime } from './runtime';

export interface PeriodQuery {
	year: number;
	budgetKind: BudgetKind;
	asOf: FiscalDate;
	/** Today in the fiscal zone. */
	today: FiscalDate;
	/** Whether the URL named the as-of date (else it follows today and links leave it out). */
	asOfGiven: boolean;
}

/**
 * `?year=YYYY&kind=general|fund|capital|social&asOf=YYYY-MM-DD`; defaults: this fiscal year, general,
 * today. A `month=YYYY-MM` names the year too (a `year` beside it must agree).
 */
export function periodQuery(url: URL): PeriodQuery {
	const today = fiscalToday(runtime().config.fiscalTz);
	const currentYear = Number(today.slice(0, 4));
	const yearParam = url.searchParams.get('year');
	const monthParam = url.searchParams.get('month');
	const monthYear = monthParam === null ? undefined : parseMonthParam(monthParam)?.year;
	if (monthYear !== undefined && yearParam !== null && Number(yearParam) !== monthYear)
		error(400, `month ${monthParam} is not in year ${yearParam}`);
	const year = yearParam === null ? (monthYear ?? currentYear) : Number(yearParam);
	if (!Number.isInteger(year) || year < 2000 || year > 2100)
		error(400, 'year must be a year between 2000 and 2100');
	const kindParam = url.searchParams.get('kind') ?? DEFAULT_BUDGET_KIND;
	if (!isBudgetKind(kindParam)) error(400, `kind must be one of ${BUDGET_KINDS.join(', ')}`);
	const asOfParam = url.searchParams.get('asOf');
	let asOf: FiscalDate;
	if (asOfParam) {
		if (!isFiscalDate(asOfParam) || Number(asOfParam.slice(0, 4)) !== year)
			error(400, `asOf must be a date in ${year} (YYYY-MM-DD)`);
		asOf = asOfParam;
	} else {
		asOf = defaultAsOf(year, today);
	}
	return { year, budgetKind: kindParam, asOf, today, asOfGiven: Boolean(asOfParam) };
}

/** The as-of date of a year when none is named: today in the current year, else its last or first day. */
export function defaultAsOf(year: number, today: FiscalDate): FiscalDate {
	const currentYear = Number(today.slice(0, 4));
	return year === currentYear ? today : year < currentYear ? monthEnd(year, 12) : `${year}-01-01`;
}
