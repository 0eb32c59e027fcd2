/**
 * Reads what the split- and duplicate-payment rules judge over a year: payments with their payee as
 * a digest computed in SQL (md5), so no payee leaves the database through this module.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import {
	duplicateFloor,
	splitFloor,
	type PaidFact
} from '../../../domain/alerts/judges/payment-patterns';
import type { RuleSettings } from '../../../domain/alerts/params';
import { fenToYuan, yuanToFen } from '../../../domain/money';

type Row = {
	id: string;
	paid_at: string | Date;
	budget_kind: string;
	dept_code: string;
	func_code: string;
	econ_code: string;
	payee_key: string;
	amount: string;
};

const COLUMNS = sql`p.id, p.paid_at, p.budget_kind, p.dept_code, p.func_code, p.econ_code, md5(p.payee) as payee_key, p.amount::text as amount`;

function facts(found: Row[]): PaidFact[] {
	return found.map((p) => ({
		id: p.id,
		paidAt: new Date(p.paid_at),
		budgetKind: p.budget_kind,
		deptCode: p.dept_code,
		funcCode: p.func_code,
		econCode: p.econ_code,
		payeeKey: p.payee_key,
		amount: yuanToFen(p.amount)
	}));
}

const read = (ex: Executor, query: SQL) => rows<Row>(ex, query).then(facts);

/** The year's payments that can be part of a split: from the least near share up to the highest severe threshold. */
export function loadSplitCandidates(
	ex: Executor,
	year: number,
	setting: RuleSettings['splitPayment']
): Promise<PaidFact[]> {
	const severe = [
		setting.params,
		...setting.overrides.map((o) => ({ ...setting.params, ...o.params }))
	]
		.map((p) => yuanToFen(p.thresholds.severe))
		.reduce((a, b) => (b > a ? b : a));
	return read(
		ex,
		sql`select ${COLUMNS} from payment p where p.fiscal_year = ${year} and p.payee is not null
			and p.amount >= ${fenToYuan(splitFloor(setting))}::numeric and p.amount < ${fenToYuan(severe)}::numeric`
	);
}

/** The year's payments of at least the least minimum whose unit, payee and amount occur more than once. */
export function loadDuplicateCandidates(
	ex: Executor,
	year: number,
	setting: RuleSettings['duplicatePayment']
): Promise<PaidFact[]> {
	const min = fenToYuan(duplicateFloor(setting));
	return read(
		ex,
		sql`select ${COLUMNS} from payment p
			join (select dept_code, payee, amount from payment
				where fiscal_year = ${year} and payee is not null and amount >= ${min}::numeric
				group by 1, 2, 3 having count(*) > 1) d
				on d.dept_code = p.dept_code and d.payee = p.payee and d.amount = p.amount
			where p.fiscal_year = ${year}`
	);
}
