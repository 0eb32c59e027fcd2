// Reads the payments the large-payment rule judges over a year.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import { largePaymentFloor, type PaymentFact } from '../../../domain/alerts/judges/payments';
import type { RuleSettings } from '../../../domain/alerts/params';
import { fenToYuan, yuanToFen } from '../../../domain/money';

/** The year's payments at or above the lowest large-payment threshold in force (defaults or any override). */
export async function loadLargePayments(
	ex: Executor,
	year: number,
	setting: RuleSettings['largePayment']
): Promise<PaymentFact[]> {
	const min = fenToYuan(largePaymentFloor(setting));
	// The threshold is a literal so the planner can use the partial index of payments ≥ 100万.
	const found = await rows<{
		id: string;
		fiscal_date: string;
		budget_kind: string;
		dept_code: string;
		func_code: string;
		project_code: string;
		econ_code: string;
		amount: string;
	}>(
		ex,
		sql`select id, fiscal_date::text, budget_kind, dept_code, func_code, project_code, econ_code, amount::text
			from payment where fiscal_year = ${year} and amount >= ${sql.raw(min)}`
	);
	return found.map((p) => ({
		id: p.id,
		fiscalDate: p.fiscal_date,
		budgetKind: p.budget_kind,
		deptCode: p.dept_code,
		funcCode: p.func_code,
		projectCode: p.project_code,
		econCode: p.econ_code,
		amount: yuanToFen(p.amount)
	}));
}
