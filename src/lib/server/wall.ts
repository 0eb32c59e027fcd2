/**
 * The wall's latest large payments, and nothing a display should not see (the other screens'
 * data: ./wall-screens.ts). Payees and 用途 go through the privacy rule for a display (../server/privacy.ts): only
 * organisations are named, persons' names inside 用途 are masked, on the server, never in the browser.
 */
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import type { AlertCounts } from '../live/events';
import { showPayments } from './privacy';
import * as execution from './execution';
import { db } from './runtime';

/** Payments at least this large (元) appear on the latest-payments screen. */
export const LARGE_PAYMENT_YUAN = '100000.00';
const RECENT_DAYS = 30;
/** Enough rows to fill the screen when they are short; the screen shows those that fit whole. */
const PAYMENT_ROWS = 10;

export interface WallPayment {
	id: string;
	paidAt: string;
	deptCode: string;
	deptName: string | null;
	funcClass: string;
	funcName: string | null;
	funcNameEn: string | null;
	/** Decimal string in 元. */
	amount: string;
	/** Null for individuals and for payees whose kind is not known to be an organisation. */
	payee: string | null;
	/** An organisation's 用途, persons' names in it masked; null for a person's payment. */
	purpose: string | null;
	payeeKind: 'org' | 'person' | null;
}

export interface LatestPayments {
	minAmount: string;
	/** The department the screen is limited to, if any. */
	dept: string | null;
	days: number;
	payments: WallPayment[];
	feed: execution.FeedFreshness;
}

/** The overview screen: the overview's figures and this year's open alerts by level (counts only). */
export type WallOverview = execution.Overview & { alerts: AlertCounts };

/** The newest large payments of the last weeks, newest first, safe to show on a wall. */
export async function latestPayments(
	ex: Executor = db(),
	dept: string | null = null
): Promise<LatestPayments> {
	const found = await rows<{
		id: string;
		paid_at: string;
		dept_code: string;
		dept_name: string | null;
		func_class: string;
		func_name: string | null;
		func_name_en: string | null;
		amount: string;
		payee: string | null;
		purpose: string | null;
		payee_kind: string | null;
	}>(
		ex,
		sql`select p.id, to_char(p.paid_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as paid_at,
			p.dept_code, d.name as dept_name, left(p.func_code, 3) as func_class, c.name as func_name, c.name_en as func_name_en,
			p.amount::text as amount, p.payee, p.purpose, p.payee_kind
		from payment p
		left join budget_unit d on d.code = p.dept_code
		left join classification_code c on c.scheme = 'function' and c.code = left(p.func_code, 3)
		where p.paid_at > now() - make_interval(days => ${RECENT_DAYS}) and p.amount >= ${LARGE_PAYMENT_YUAN}::numeric
			and (${dept}::text is null or p.dept_code = ${dept})
		order by p.paid_at desc, p.id
		limit ${PAYMENT_ROWS}`
	);
	const shown = await showPayments(
		found.map((r) => ({ payee: r.payee, payeeKind: r.payee_kind, purpose: r.purpose })),
		'display',
		ex
	);
	return {
		minAmount: LARGE_PAYMENT_YUAN,
		dept,
		days: RECENT_DAYS,
		payments: found.map((r, i) => ({
			id: r.id,
			paidAt: r.paid_at,
			deptCode: r.dept_code,
			deptName: r.dept_name,
			funcClass: r.func_class,
			funcName: r.func_name,
			funcNameEn: r.func_name_en,
			amount: r.amount,
			payee: shown[i].payee,
			purpose: shown[i].purpose,
			payeeKind: r.payee_kind === 'org' || r.payee_kind === 'person' ? r.payee_kind : null
		})),
		feed: await execution.feedFreshness(ex, 'payment')
	};
}
