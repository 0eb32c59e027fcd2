import { error } from '@sveltejs/kit';
import { trendLinesOption } from '$lib/charts/trend-lines';
import { translator, type MessageKey } from '$lib/i18n';
import '$lib/i18n/dictionaries';
import * as assets from '$lib/server/assets';
import { requireUser } from '$lib/server/auth/guard';
import { svgImage } from '$lib/server/svg-charts';
import type { PageServerLoad } from './$types';

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
	// Trend charts as SVG rendered here: they print crisply and need no script.
	const years = page.years.filter((y) => page.year === null || Number(y.period) <= page.year);
	const charts = Object.fromEntries(
		(['enterprise', 'financial', 'administrative'] as const).map((c) => {
			const of = (k: 'totalAssets' | 'totalLiabilities' | 'equity') =>
				years.map((y) => y.categories.find((x) => x.category === c)?.[k] ?? null);
			return [
				c,
				years.length > 1
					? svgImage(
							trendLinesOption(
								years.map((y) => Number(y.period)),
								[
									{ name: t('assets.totalAssets'), values: of('totalAssets') },
									{ name: t('assets.totalLiabilities'), values: of('totalLiabilities') },
									{ name: t('assets.equityShort' as MessageKey), values: of('equity') }
								],
								{ unitLabel: t('unit.yi'), unit: 'yi', compact: true }
							),
							640,
							220
						)
					: null
			];
		})
	);
	return { page: { ...page, years }, charts };
};
