// The payments ledger's queries: pages filtered, sorted and paginated on the server, one payment, the
// newest large payments, and every row a filter matches for an export; each for a viewer, through
// the privacy rule (../privacy.ts). The export's file formats are export-files.ts, its HTTP answer
// export-response.ts.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type SQL } from 'drizzle-orm';
import { anyText, rows, type Executor } from '../../../../db/client';
import type { FiscalDate } from '../../domain/calendar';
import type { LedgerFilter } from '../../domain/ledger-filter';
import type { BudgetKind } from '../../domain/budget-kinds';
import { rollupBetween, type RollupLevel } from '../rollup-read';
import { payeeSearch, payeeSortKey, showPayments, type Viewer } from '../privacy';
import { db } from '../runtime';
import { feedFreshness, pageQuerySettings, type FeedFreshness } from '../snapshot';

/** 大额支付: the large-payment rule's lowest level (提示, 100万元); the overview's ticker shows these. */
export const NOTABLE_PAYMENT_YUAN = '1000000.00';

export interface LedgerScope {
	year: number;
	budgetKind: BudgetKind;
}

export interface PaymentRow {
	id: string;
	paidAt: string;
	fiscalDate: FiscalDate;
	deptCode: string;
	deptName: string | null;
	agencyCode: string;
	agencyName: string | null;
	funcCode: string;
	funcName: string | null;
	funcNameEn: string | null;
	econCode: string;
	econName: string | null;
	econNameEn: string | null;
	projectCode: string;
	projectName: string | null;
	/** Decimal string in 元. */
	amount: string;
	payType: string | null;
	/** As the viewer may see it (privacy rule): masked or null for a person below staff. */
	payee: string | null;
	payeeKind: string | null;
	/** True when the payee is a person whose name this viewer sees masked. */
	payeeMasked: boolean;
	/** Null when withheld (a person's payment below staff) or not given. */
	purpose: string | null;
	purposeWithheld: boolean;
	batchId: string;
	receivedAt: string;
}

export interface LedgerPage {
	seq: number;
	/** How fresh the payments read are (数据截至), from the same snapshot. */
	feed: FeedFreshness;
	rows: PaymentRow[];
	/** All rows the filter matches (not only this page). */
	total: number;
	sum: string;
	pages: number;
}

/** The column a sort orders by; by payee, the name as the viewer sees it. */
function sortColumn(sort: LedgerFilter['sort'], viewer: Viewer): SQL {
	const columns: Record<Exclude<LedgerFilter['sort'], 'payee'>, SQL> = {
		paidAt: sql`p.paid_at`,
		amount: sql`p.amount`,
		dept: sql`p.dept_code`,
		func: sql`p.func_code`,
		econ: sql`p.econ_code`
	};
	return sort === 'payee' ? payeeSortKey(viewer) : columns[sort];
}

/**
 * ORDER BY of a page. Time order goes through the fiscal date first (the same order, since the date
 * is the payment time's day) so an index on (department, fiscal date) hands rows over in order and
 * only one day's rows need sorting.
 */
function orderBy(f: LedgerFilter, viewer: Viewer): SQL {
	const dir = f.dir === 'asc' ? sql`asc` : sql`desc`;
	if (f.sort === 'paidAt') return sql`p.fiscal_date ${dir}, p.paid_at ${dir}, p.id ${dir}`;
	return sql`${sortColumn(f.sort, viewer)} ${dir}, p.id ${dir}`;
}

/** `project=-` asks for payments on no project. */
const projectCode = (p: string) => (p === NO_PROJECT ? '' : p);
export const NO_PROJECT = '-';

/**
 * The WHERE clause of a filter. A viewer who may not see personal payees cannot find them by name
 * either: the text search finds only what the viewer sees (privacy.payeeSearch).
 */
async function where(scope: LedgerScope, f: LedgerFilter, viewer: Viewer): Promise<SQL> {
	const parts: SQL[] = [
		sql`p.fiscal_year = ${scope.year}`,
		sql`p.budget_kind = ${scope.budgetKind}`,
		sql`p.fiscal_date between ${f.from}::date and ${f.to}::date`
	];
	if (f.dept) parts.push(sql`p.dept_code = ${f.dept}`);
	if (f.agency) parts.push(sql`p.agency_code = ${f.agency}`);
	if (f.func) parts.push(sql`p.func_code like ${`${f.func}%`}`);
	if (f.econ) parts.push(sql`p.econ_code like ${`${f.econ}%`}`);
	if (f.project) parts.push(sql`p.project_code = ${projectCode(f.project)}`);
	if (f.min) parts.push(sql`p.amount >= ${f.min}::numeric`);
	if (f.max) parts.push(sql`p.amount <= ${f.max}::numeric`);
	if (f.payee) parts.push(await payeeSearch(f.payee, viewer));
	return sql.join(parts, sql` and `);
}

const COLUMNS = sql`p.id, to_char(p.paid_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as paid_at,
	p.fiscal_date::text as fiscal_date, p.dept_code, d.name as dept_name, p.agency_code, a.name as agency_name,
	p.func_code, fc.name as func_name, fc.name_en as func_name_en, p.econ_code, ec.name as econ_name,
	ec.name_en as econ_name_en, p.project_code,
	(select pl.project_name from plan_line pl where pl.year = p.fiscal_year and pl.dept_code = p.dept_code
		and pl.project_code = p.project_code and p.project_code <> '' and pl.project_name is not null limit 1) as project_name,
	p.amount::text as amount, p.pay_type, p.payee, p.payee_kind, p.purpose, p.batch_id,
	to_char(p.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as received_at`;
const FROM = sql`from payment p
	left join budget_unit d on d.code = p.dept_code
	left join budget_unit a on a.code = p.agency_code
	left join classification_code fc on fc.scheme = 'function' and fc.code = p.func_code
	left join classification_code ec on ec.scheme = 'economic' and ec.code = p.econ_code`;
const SELECT = sql`select ${COLUMNS} ${FROM}`;

type RawPayment = {
	id: string;
	paid_at: string;
	fiscal_date: string;
	dept_code: string;
	dept_name: string | null;
	agency_code: string;
	agency_name: string | null;
	func_code: string;
	func_name: string | null;
	func_name_en: string | null;
	econ_code: string;
	econ_name: string | null;
	econ_name_en: string | null;
	project_code: string;
	project_name: string | null;
	amount: string;
	pay_type: string | null;
	payee: string | null;
	payee_kind: string | null;
	purpose: string | null;
	batch_id: string;
	received_at: string;
};

/** Rows as stored, before the privacy rule. */
function stored(r: RawPayment) {
	return {
		id: r.id,
		paidAt: r.paid_at,
		fiscalDate: r.fiscal_date,
		deptCode: r.dept_code,
		deptName: r.dept_name,
		agencyCode: r.agency_code,
		agencyName: r.agency_name,
		funcCode: r.func_code,
		funcName: r.func_name,
		funcNameEn: r.func_name_en,
		econCode: r.econ_code,
		econName: r.econ_name,
		econNameEn: r.econ_name_en,
		projectCode: r.project_code,
		projectName: r.project_name,
		amount: r.amount,
		payType: r.pay_type,
		payee: r.payee,
		payeeKind: r.payee_kind,
		purpose: r.purpose,
		batchId: r.batch_id,
		receivedAt: r.received_at
	};
}

/** Rows as the viewer may see them (the privacy rule). */
function toRows(found: RawPayment[], viewer: Viewer, ex: Executor = db()): Promise<PaymentRow[]> {
	return showPayments(found.map(stored), viewer, ex);
}

/**
 * Count and sum of the filtered rows. When the rollup answers the filter (codes and dates only) it
 * is read there; otherwise (amount bounds, text) from the payments themselves.
 */
async function totals(
	ex: Executor,
	scope: LedgerScope,
	f: LedgerFilter,
	condition: SQL
): Promise<{ total: number; sum: string }> {
	const fromRollup = rollupFor(scope, f);
	const [r] = await rows<{ total: number; sum: string }>(
		ex,
		fromRollup
			? sql`select coalesce(sum(payment_count), 0)::int as total, coalesce(sum(amount), 0.00)::text as sum from ${fromRollup} r`
			: sql`select count(*)::int as total, coalesce(sum(p.amount), 0.00)::text as sum from payment p
				where ${condition}`
	);
	return r;
}

function rollupFor(scope: LedgerScope, f: LedgerFilter): SQL | null {
	if (f.min || f.max || f.payee) return null;
	const conds: SQL[] = [];
	let level: RollupLevel;
	if (!f.dept) {
		if (f.agency || f.econ || f.project) return null;
		level = f.func ? 'func' : 'city';
	} else if (f.agency) {
		if (f.func || f.econ) return null;
		level = 'unit';
		conds.push(sql`agency_code = ${f.agency}`);
		if (f.project) conds.push(sql`project_code = ${projectCode(f.project)}`);
	} else if (f.econ || f.project) {
		level = 'line';
		if (f.econ) conds.push(sql`econ_code like ${`${f.econ}%`}`);
		if (f.project) conds.push(sql`project_code = ${projectCode(f.project)}`);
	} else {
		level = f.func ? 'deptFunc' : 'dept';
	}
	if (f.dept) conds.push(sql`dept_code = ${f.dept}`);
	if (f.func) conds.push(sql`func_code like ${`${f.func}%`}`);
	return rollupBetween(
		level,
		scope.budgetKind,
		f.from,
		f.to,
		conds.length > 0 ? sql.join(conds, sql` and `) : undefined
	);
}

/** One page of the ledger with the count and sum of everything the filter matches. */
export async function page(
	scope: LedgerScope,
	f: LedgerFilter,
	viewer: Viewer
): Promise<LedgerPage> {
	const condition = await where(scope, f, viewer);
	const read = await db().transaction(
		async (tx) => {
			await pageQuerySettings(tx);
			const [[seq], feed, sums, found] = await Promise.all([
				rows<{ seq: number }>(tx, sql`select coalesce(max(seq), 0)::int as seq from live_event`),
				feedFreshness(tx, 'payment'),
				totals(tx, scope, f, condition),
				rows<RawPayment>(
					tx,
					sql`${SELECT} where ${condition}
						order by ${orderBy(f, viewer)}
						limit ${f.size} offset ${(f.page - 1) * f.size}`
				)
			]);
			return { seq: seq.seq, feed, sums, found };
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
	return {
		seq: read.seq,
		feed: read.feed,
		rows: await toRows(read.found, viewer),
		total: read.sums.total,
		sum: read.sums.sum,
		pages: Math.max(1, Math.ceil(read.sums.total / f.size))
	};
}

/** Most rows one export may hold; a larger export asks the user to narrow the filter. */
export const EXPORT_LIMIT = 500_000;

/**
 * The ids of the rows an export of this filter holds, in the ledger's order (the page's ORDER BY,
 * which the (department or year, fiscal date) indexes hand over in time order), read at once: the
 * export holds what matched at that moment. At most `limit` + 1: more than `limit` means too many.
 */
export async function exportIds(
	scope: LedgerScope,
	f: LedgerFilter,
	viewer: Viewer,
	limit = EXPORT_LIMIT
): Promise<string[]> {
	const found = await rows<{ id: string }>(
		db(),
		sql`select p.id from payment p where ${await where(scope, f, viewer)}
			order by ${orderBy(f, viewer)} limit ${limit + 1}`
	);
	return found.map((r) => r.id);
}

/**
 * The export's rows for `ids` (exportIds), in that order, in chunks: each chunk one short query by
 * primary key, and the event loop turns between chunks, so a large export never holds the database
 * or the server (on PGlite, one thread) for long, and the file's first rows go out at once.
 */
export async function* exportRows(
	ids: readonly string[],
	viewer: Viewer,
	chunk = 5000
): AsyncGenerator<PaymentRow[]> {
	for (let i = 0; i < ids.length; i += chunk) {
		const slice = ids.slice(i, i + chunk);
		const found = await rows<RawPayment>(db(), sql`${SELECT} where p.id = ${anyText(slice)}`);
		const byId = new Map(found.map((r) => [r.id, r]));
		yield await toRows(
			slice.flatMap((id) => byId.get(id) ?? []),
			viewer
		);
		// PGlite answers within the same turn of the event loop: without a turn between chunks the
		// whole file went out before any other request (a health check, a page, ingest) was read.
		await nextTurn();
	}
}

/** How many rows an export of this filter would hold. */
export async function exportSize(
	scope: LedgerScope,
	f: LedgerFilter,
	viewer: Viewer
): Promise<number> {
	return (await totals(db(), scope, f, await where(scope, f, viewer))).total;
}

/** How fresh the payments are (数据截至), for a page that reads outside a snapshot. */
export function freshness(): Promise<FeedFreshness> {
	return feedFreshness(db(), 'payment');
}

/** One payment by id, with everything known about it. */
export async function payment(id: string, viewer: Viewer): Promise<PaymentRow | null> {
	const found = await rows<RawPayment>(db(), sql`${SELECT} where p.id = ${id}`);
	return found[0] ? (await toRows(found, viewer))[0] : null;
}

/** The newest large payments through the as-of date (the overview's ticker); the literal bound lets
 * the planner use the partial index payment_notable. */
export async function notablePayments(
	ex: Executor,
	q: LedgerScope & { asOf: FiscalDate },
	limit: number,
	viewer: Viewer
): Promise<PaymentRow[]> {
	const found = await rows<RawPayment>(
		ex,
		sql`${SELECT} where p.fiscal_year = ${q.year} and p.budget_kind = ${q.budgetKind} and p.fiscal_date <= ${q.asOf}::date
			and p.amount >= ${sql.raw(NOTABLE_PAYMENT_YUAN)}
			order by p.fiscal_date desc, p.paid_at desc limit ${limit}`
	);
	return toRows(found, viewer, ex);
}
