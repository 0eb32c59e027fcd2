// A project's page: its plan lines against the spending on it, by month; seen through one budget
// unit when the link came from that unit's page.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { progressOf } from '../../domain/gap';
import { fenToYuan, yuanToFen } from '../../domain/money';
import { figures, type ExecutionQuery, type Figures } from '../execution';
import { rollupAsOf } from '../rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import {
	monthsOf,
	planLineRow,
	planLines,
	unitName,
	type MonthlyAmount,
	type Named,
	type PlanLineRow
} from './reads';

export interface ProjectPage extends ExecutionQuery, Figures {
	seq: number;
	dept: Named;
	/** When the project is seen through one unit: that unit (figures are then the unit's spending). */
	unit: Named | null;
	node: Named;
	lines: PlanLineRow[];
	months: MonthlyAmount[];
	feed: FeedFreshness;
}

/** A project's page: its plan lines against the spending on it (optionally by one unit), by month. */
export async function project(
	q: ExecutionQuery,
	dept: string,
	projectCode: string,
	agency?: string
): Promise<ProjectPage> {
	return snapshot(async (tx, seq) => {
		const tp = progressOf(q.asOf, q.year);
		const where = agency
			? sql`dept_code = ${dept} and agency_code = ${agency} and project_code = ${projectCode}`
			: sql`dept_code = ${dept} and project_code = ${projectCode}`;
		const [deptName, agencyName, lines, spent, months, feed] = await Promise.all([
			unitName(tx, dept),
			agency ? unitName(tx, agency) : Promise.resolve(null),
			planLines(tx, q, dept, projectCode),
			rows<{ executed: string; payments: number }>(
				tx,
				sql`select coalesce(sum(amount), 0.00)::text as executed, coalesce(sum(payment_count), 0)::int as payments
				from ${rollupAsOf('unit', q, where)} r`
			),
			monthsOf(tx, q, where),
			feedFreshness(tx, 'payment')
		]);
		const initial = lines.reduce((s, l) => s + yuanToFen(l.initial_plan), 0n);
		const plan = lines.reduce((s, l) => s + yuanToFen(l.plan), 0n);
		const name = lines.find((l) => l.project_name)?.project_name ?? null;
		return {
			...q,
			seq,
			dept: { code: dept, name: deptName },
			unit: agency ? { code: agency, name: agencyName } : null,
			node: { code: projectCode, name },
			...figures(fenToYuan(initial), fenToYuan(plan), spent[0].executed, spent[0].payments, tp),
			lines: lines.map((l) => planLineRow(l, '0.00', 0, tp)),
			months,
			feed
		};
	});
}
