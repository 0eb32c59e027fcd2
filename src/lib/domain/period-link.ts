/**
 * Links between supervision pages keep the period being looked at: year, budget kind and as-of date
 * travel as `?year&kind&asOf`, left out when they are the defaults (this year, general, today).
 */
export interface PeriodView {
	year: number;
	budgetKind: string;
	asOf: string;
	today: string;
	asOfGiven: boolean;
}

/** The period's URL parameters, defaults left out. */
export function periodParams(p: PeriodView): URLSearchParams {
	const out = new URLSearchParams();
	if (p.year !== Number(p.today.slice(0, 4))) out.set('year', String(p.year));
	if (p.budgetKind !== 'general') out.set('kind', p.budgetKind);
	if (p.asOfGiven) out.set('asOf', p.asOf);
	return out;
}

/** `path` with the period and any extra parameters: href('/departments/122', p, { tab: 'x' }). */
export function href(
	path: string,
	p: PeriodView,
	extra: Record<string, string | undefined> | URLSearchParams = {}
): string {
	const params = periodParams(p);
	const entries = extra instanceof URLSearchParams ? [...extra.entries()] : Object.entries(extra);
	for (const [k, v] of entries) if (v !== undefined && v !== '') params.set(k, v);
	const q = params.toString();
	return q ? `${path}?${q}` : path;
}

/** Whether the page shows a past date rather than following today. */
export function isHistorical(p: PeriodView): boolean {
	return p.asOf < p.today;
}
