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

interface ChartSize {
	width: number;
	curve: number;
	classes: number;
	gaps: number;
	/** The class chart's name column. */
	labels: number;
}
/** The A4 sheet's charts (CSS px); a phone's, about its width, taller for the bars' labels. */
const SHEET: ChartSize = { width: 680, curve: 300, classes: 420, gaps: 300, labels: 170 };
const PHONE: ChartSize = { width: 360, curve: 260, classes: 480, gaps: 320, labels: 120 };

export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:execution');
	const period = periodQuery(event.url);
	const { year, budgetKind, today } = period;
	const { month, currentMonth } = reportMonth(event.url, period);
	const report = await monthReport({ year, month, budgetKind, today });
	const t = translator(event.locals.locale);
	const locale = event.locals.locale;
	const hasClasses = classBarRows(report.byClass, 16).length > 0;
	const hasGaps = gapBarRows(report.largestGaps, 10).length > 0;
	// Charts as SVG rendered here: they print crisply and need no script. Each at two sizes: the A4
	// sheet's (print, and screens wide enough for it) and a phone's, drawn for its width so that its
	// type is read at its own size rather than shrunk to half.
	const chartsAt = (size: ChartSize) => ({
		curve: svgImage(
			cumulativeCurveOption(
				{ ...report.overview.curve, asOf: report.asOf },
				{ t, locale, compact: true, legend: true }
			),
			size.width,
			size.curve
		),
		// null: nothing to draw (a budget without a plan); the page says so instead of printing bare axes.
		classes: hasClasses
			? svgImage(
					executionByClassOption(report.byClass, report.timeProgress, {
						t,
						locale,
						unit: 'wan',
						limit: 16,
						compact: true,
						labelWidth: size.labels
					}),
					size.width,
					size.classes
				)
			: null,
		gaps: hasGaps
			? svgImage(
					gapRankingOption(report.largestGaps, { t, limit: 10, compact: true }),
					size.width,
					size.gaps
				)
			: null
	});
	const charts = { sheet: chartsAt(SHEET), phone: chartsAt(PHONE) };
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
