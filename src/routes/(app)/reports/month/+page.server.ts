import { cumulativeCurveOption } from '$lib/charts/cumulative-curve';
import { classBarRows, executionByClassOption } from '$lib/charts/execution-by-class';
import { gapBarRows, gapRankingOption } from '$lib/charts/gap-ranking';
import { translator } from '$lib/i18n';
import '$lib/i18n/dictionaries';
import { requireUser } from '$lib/server/auth/guard';
import { printedCases } from '$lib/server/cases';
import { monthReport, reportMonth } from '$lib/server/month-report';
import { periodQuery } from '$lib/server/query';
import { svgImage } from '$lib/server/svg-charts';
import { monthDebt } from '$lib/server/debt';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const period = periodQuery(event.url);
	const { year, budgetKind, today } = period;
	const { month, currentMonth } = reportMonth(event.url, period);
	const report = await monthReport({ year, month, budgetKind, today });
	const t = translator(event.locals.locale);
	// Charts as SVG rendered here: they print crisply and need no script.
	const charts = {
		curve: svgImage(
			cumulativeCurveOption(
				{ ...report.overview.curve, asOf: report.asOf },
				{ t, locale: event.locals.locale, compact: true, legend: true }
			),
			680,
			300
		),
		// null: nothing to draw (a budget without a plan); the page says so instead of printing bare axes.
		classes:
			classBarRows(report.byClass, 16).length > 0
				? svgImage(
						executionByClassOption(report.byClass, report.timeProgress, {
							t,
							locale: event.locals.locale,
							unit: 'wan',
							limit: 16,
							compact: true
						}),
						680,
						420
					)
				: null,
		gaps:
			gapBarRows(report.largestGaps, 10).length > 0
				? svgImage(gapRankingOption(report.largestGaps, { t, limit: 10, compact: true }), 680, 300)
				: null
	};
	const { overview: _o, alerts, ...rest } = report;
	const debt = await monthDebt(year, month);
	return {
		period,
		currentMonth,
		report: { ...rest, alerts: printedCases(alerts, event.locals.locale) },
		charts,
		debt,
		generatedAt: new Date().toISOString()
	};
};
