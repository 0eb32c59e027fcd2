/**
 * The payments ledger's filter, sort and page as URL parameters: parsed with a reason for each bad
 * field, and written back so links, pages and exports carry exactly the same filter.
 */
import { isFiscalDate, type FiscalDate } from './calendar';
import { monthRange, parseMonthParam } from './month-param';
import { parseYuan } from './money';

export const LEDGER_SORTS = ['paidAt', 'amount', 'dept', 'func', 'econ', 'payee'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100, 200] as const;

export interface LedgerFilter {
	/** Fiscal dates, inclusive, inside the page's year. */
	from: FiscalDate;
	to: FiscalDate;
	dept?: string;
	agency?: string;
	/** Function and economic codes match by prefix (205 takes 2050202). */
	func?: string;
	econ?: string;
	project?: string;
	/** Amount bounds in 元, decimal strings, inclusive. */
	min?: string;
	max?: string;
	/** Text the payee or purpose contains. */
	payee?: string;
	sort: LedgerSort;
	dir: 'asc' | 'desc';
	page: number;
	size: number;
}

export type Parsed = { ok: true; filter: LedgerFilter } | { ok: false; errors: string[] };

const CODE = /^\d{1,20}$/;
const PROJECT = /^[0-9A-Za-z-]{1,40}$/;

/** Reads `?from&to&dept&agency&func&econ&project&min&max&payee&sort&dir&page&size` for a year up to asOf. */
export function parseLedgerFilter(params: URLSearchParams, year: number, asOf: FiscalDate): Parsed {
	const errors: string[] = [];
	const get = (k: string) => params.get(k)?.trim() || undefined;
	const date = (k: string, fallback: FiscalDate) => {
		const v = get(k);
		if (v === undefined) return fallback;
		if (!isFiscalDate(v) || Number(v.slice(0, 4)) !== year) {
			errors.push(`${k}: must be a date in ${year} (YYYY-MM-DD)`);
			return fallback;
		}
		return v;
	};
	const code = (k: string, pattern = CODE) => {
		const v = get(k);
		if (v !== undefined && !pattern.test(v)) errors.push(`${k}: must be a code of digits`);
		return v !== undefined && pattern.test(v) ? v : undefined;
	};
	const amount = (k: string) => {
		const v = get(k);
		if (v === undefined) return undefined;
		const fen = parseYuan(v.replaceAll(',', ''));
		if (fen === null) {
			errors.push(`${k}: must be an amount in 元 with at most 2 decimals`);
			return undefined;
		}
		return v.replaceAll(',', '');
	};
	// ?month=YYYY-MM (or the month number of the year) is that month, up to asOf; from/to override it.
	let range: [FiscalDate, FiscalDate] = [`${year}-01-01`, asOf];
	const monthText = get('month');
	if (monthText !== undefined) {
		const m = parseMonthParam(monthText);
		if (!m || (m.year !== undefined && m.year !== year))
			errors.push(`month: must be a month of ${year} (YYYY-MM)`);
		else {
			const [first, last] = monthRange(year, m.month);
			range = [first, last < asOf ? last : asOf];
		}
	}
	const from = date('from', range[0]);
	const to = date('to', range[1]);
	if (from > to) errors.push('from: must not be after to');
	const sortParam = get('sort') ?? 'paidAt';
	const sort = (LEDGER_SORTS as readonly string[]).includes(sortParam)
		? (sortParam as LedgerSort)
		: 'paidAt';
	if (sort !== sortParam) errors.push(`sort: must be one of ${LEDGER_SORTS.join(', ')}`);
	const dir = get('dir') === 'asc' ? 'asc' : 'desc';
	const page = Math.max(1, Math.min(100_000, Math.trunc(Number(get('page') ?? 1)) || 1));
	const sizeParam = Number(get('size') ?? 50);
	const size = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 50;
	const payee = get('payee')?.slice(0, 100);
	const filter: LedgerFilter = {
		from,
		to,
		dept: code('dept'),
		agency: code('agency'),
		func: code('func'),
		econ: code('econ'),
		project: code('project', PROJECT),
		min: amount('min'),
		max: amount('max'),
		payee,
		sort,
		dir,
		page,
		size
	};
	return errors.length > 0 ? { ok: false, errors } : { ok: true, filter };
}

/** The filter as URL parameters (defaults left out), with overrides such as another page or sort. */
export function ledgerParams(
	filter: Partial<LedgerFilter>,
	overrides: Partial<LedgerFilter> = {}
): URLSearchParams {
	const f = { ...filter, ...overrides };
	const out = new URLSearchParams();
	for (const key of [
		'from',
		'to',
		'dept',
		'agency',
		'func',
		'econ',
		'project',
		'min',
		'max',
		'payee'
	] as const) {
		const v = f[key];
		if (v !== undefined && v !== '') out.set(key, String(v));
	}
	if (f.sort && f.sort !== 'paidAt') out.set('sort', f.sort);
	if (f.dir && f.dir !== 'desc') out.set('dir', f.dir);
	if (f.page && f.page !== 1) out.set('page', String(f.page));
	if (f.size && f.size !== 50) out.set('size', String(f.size));
	return out;
}

/**
 * One CSV field: quoted when needed, and text that a spreadsheet would run as a formula
 * (=, +, -, @ at the start) made inert with a leading apostrophe.
 */
export function csvField(value: string | number | null | undefined, isText = true): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
