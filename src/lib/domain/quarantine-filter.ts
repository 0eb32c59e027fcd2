/**
 * The staff quarantine page's filter as URL parameters: `?kind&status&q&batch&from&to&page`. Bad
 * values are dropped (the page says which), so a hand-edited URL never breaks the page.
 */
import { isFiscalDate, type FiscalDate } from './calendar';
import { RECORD_KINDS, type RecordKind } from './records/kinds';

export const QUARANTINE_STATUSES = ['open', 'resubmitted', 'discarded'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];
export const QUARANTINE_PAGE_SIZE = 25;

export interface QuarantineFilter {
	kind?: RecordKind;
	/** `all` shows every status; open entries are what staff work on, so they are the default. */
	status: QuarantineStatus | 'all';
	/** Text the reason or the record id contains. */
	q?: string;
	batch?: string;
	/** Fiscal dates of receipt, inclusive. */
	from?: FiscalDate;
	to?: FiscalDate;
	page: number;
}

export function parseQuarantineFilter(params: URLSearchParams): {
	filter: QuarantineFilter;
	errors: string[];
} {
	const errors: string[] = [];
	const get = (k: string) => params.get(k)?.trim() || undefined;
	const kindParam = get('kind');
	const kind =
		kindParam && (RECORD_KINDS as readonly string[]).includes(kindParam)
			? (kindParam as RecordKind)
			: undefined;
	if (kindParam && !kind) errors.push(`kind: must be one of ${RECORD_KINDS.join(', ')}`);
	const statusParam = get('status') ?? 'open';
	const status =
		statusParam === 'all' || (QUARANTINE_STATUSES as readonly string[]).includes(statusParam)
			? (statusParam as QuarantineFilter['status'])
			: 'open';
	if (status !== statusParam)
		errors.push(`status: must be one of ${QUARANTINE_STATUSES.join(', ')} or all`);
	const date = (k: string) => {
		const v = get(k);
		if (v !== undefined && !isFiscalDate(v)) errors.push(`${k}: must be a date YYYY-MM-DD`);
		return v !== undefined && isFiscalDate(v) ? v : undefined;
	};
	const batchParam = get('batch');
	const batch = batchParam && /^[\w.:@-]{1,200}$/.test(batchParam) ? batchParam : undefined;
	if (batchParam && !batch) errors.push('batch: must be a batch id (letters, digits, ._:@-)');
	const pageParam = Number(get('page') ?? 1);
	const page =
		Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
	const filter: QuarantineFilter = {
		status,
		page,
		kind,
		q: get('q')?.slice(0, 100),
		batch,
		from: date('from'),
		to: date('to')
	};
	return { filter, errors };
}

/** The URL parameters of a filter with some changes (a page link, a status tab); defaults left out. */
export function quarantineSearch(
	f: QuarantineFilter,
	changes: Partial<QuarantineFilter> = {}
): string {
	const merged = { ...f, ...changes };
	const p = new URLSearchParams();
	if (merged.kind) p.set('kind', merged.kind);
	if (merged.status !== 'open') p.set('status', merged.status);
	if (merged.q) p.set('q', merged.q);
	if (merged.batch) p.set('batch', merged.batch);
	if (merged.from) p.set('from', merged.from);
	if (merged.to) p.set('to', merged.to);
	if (merged.page > 1) p.set('page', String(merged.page));
	const s = p.toString();
	return s ? `?${s}` : '';
}
