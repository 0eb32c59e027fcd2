import { error } from '@sveltejs/kit';
import { trendLinesOption } from '$lib/charts/trend-lines';
import { translator, type MessageKey } from '$lib/i18n';
import '$lib/i18n/dictionaries';
import * as assets from '$lib/server/assets';
import { requireUser } from '$lib/server/auth/guard';
import { svgImage } from '$lib/server/svg-charts';
import type { PageServerLoad } from './$types';

interface ChartSize {
	width: number;
	height: number;
}
/** The A4 sheet's trend charts (CSS px); a phone's, about its width. */
const SHEET: ChartSize = { width: 640, height: 220 };
const PHONE: ChartSize = { width: 360, height: 240 };
const CATEGORIES = ['enterprise', 'financial', 'administrative'] as const;

/** The annual state-asset report of `?year=YYYY` (default: the latest report year), for print. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	event.depends('app:assets');
	const yearParam = event.url.searchParams.get('year');
	const year = yearParam === null ? null : Number(yearParam);
	if (year !== null && (!/^\d{4}$/.test(yearParam!) || year < 2000 || year > 2100))
		error(400, 'year must be a year between 2000 and 2100');
	const page = await assets.assetsPage({ year, period: null });
	const t = translator(event.locals.locale);
	// Trend charts as SVG rendered here: they print crisply and need no script. Each at two sizes: the
	// A4 sheet's (print, and screens wide enough for it) and a phone's, drawn for its width so that
	// its type is read at its own size rather than shrunk to half.
	const years = page.years.filter((y) => page.year === null || Number(y.period) <= page.year);
	const trend = (c: (typeof CATEGORIES)[number], size: ChartSize) => {
		const of = (k: 'totalAssets' | 'totalLiabilities' | 'equity') =>
			years.map((y) => y.categories.find((x) => x.category === c)?.[k] ?? null);
		return svgImage(
			trendLinesOption(
				years.map((y) => Number(y.period)),
				[
					{ name: t('assets.totalAssets'), values: of('totalAssets') },
					{ name: t('assets.totalLiabilities'), values: of('totalLiabilities') },
					{ name: t('assets.equityShort' as MessageKey), values: of('equity') }
				],
				{ unitLabel: t('unit.yi'), unit: 'yi', compact: true }
			),
			size.width,
			size.height
		);
	};
	// null: a single year has no trend to draw.
	const charts: Record<string, { sheet: string; phone: string } | null> = Object.fromEntries(
		CATEGORIES.map((c) => [
			c,
			years.length > 1 ? { sheet: trend(c, SHEET), phone: trend(c, PHONE) } : null
		])
	);
	return { page: { ...page, years }, charts };
};
