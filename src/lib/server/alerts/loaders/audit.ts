// Reads the audit findings not rectified whose due date has passed, for the audit-overdue rule.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../../../db/client';
import type { OverdueCandidate } from '../../../domain/alerts/judges/audit';

export async function loadOverdueCandidates(
	ex: Executor,
	asOf: string
): Promise<OverdueCandidate[]> {
	const found = await rows<Record<string, unknown>>(
		ex,
		sql`select f.id, f.year::int as year, f.unit_name, f.category, f.amount::text as amount, f.type,
				f.due_date::text as due_date, f.status,
				case when u.parent_code is not null and u.parent_code <> '' then u.parent_code else f.unit_code end as dept_code
			from audit_finding f left join budget_unit u on u.code = f.unit_code
			where f.status in ('open', 'partial') and f.due_date < ${asOf}::date`
	);
	return found.map((r) => ({
		id: String(r.id),
		year: Number(r.year),
		unitName: String(r.unit_name),
		deptCode: (r.dept_code as string | null) ?? null,
		category: String(r.category),
		amount: (r.amount as string | null) ?? null,
		type: r.type as OverdueCandidate['type'],
		dueDate: String(r.due_date),
		status: r.status as OverdueCandidate['status']
	}));
}
