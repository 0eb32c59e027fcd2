// A budget unit's page (预算单位, under its department): what it spent, by project and by month.
// Plans are set per department, not per unit, so the page shows spending and its share only.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { timeProgress } from '../../domain/fiscal';
import { fenToYuan, yuanToFen } from '../../domain/money';
import type { ExecutionQuery } from '../execution';
import { rollupAsOf } from '../rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from '../snapshot';
import { monthsOf, shareOf, unitName, type MonthlyAmount, type Named } from './reads';

export interface UnitProjectRow {
	/** '' = spending not on a project (日常支出). */
	code: string;
	name: string | null;
	executed: string;
	payments: number;
}

export interface UnitPage extends ExecutionQuery {
	seq: number;
	dept: Named;
	node: Named;
	executed: string;
	payments: number;
	timeProgress: string;
	/** Share of the department's spending. */
	share: string | null;
	projects: UnitProjectRow[];
	months: MonthlyAmount[];
	feed: FeedFreshness;
}

/** A budget unit's page: what it spent, by project, by month. */
export async function unit(q: ExecutionQuery, dept: string, agency: string): Promise<UnitPage> {
	return snapshot(async (tx, seq) => {
		const where = sql`dept_code = ${dept} and agency_code = ${agency}`;
		const [deptName, name, projects, months, deptTotal, feed] = await Promise.all([
			unitName(tx, dept),
			unitName(tx, agency),
			rows<UnitProjectRow>(
				tx,
				sql`select r.project_code as code,
					(select pl.project_name from plan_line pl where pl.year = ${q.year} and pl.dept_code = ${dept}
						and pl.project_code = r.project_code and r.project_code <> '' and pl.project_name is not null limit 1) as name,
					sum(r.amount)::text as executed, sum(r.payment_count)::int as payments
				from ${rollupAsOf('unit', q, where)} r group by 1 order by sum(r.amount) desc, 1`
			),
			monthsOf(tx, q, where),
			rows<{ executed: string }>(
				tx,
				sql`select coalesce(sum(amount), 0.00)::text as executed from ${rollupAsOf('dept', q, sql`dept_code = ${dept}`)} r`
			),
			feedFreshness(tx, 'payment')
		]);
		const executed = fenToYuan(projects.reduce((s, p) => s + yuanToFen(p.executed), 0n));
		return {
			...q,
			seq,
			dept: { code: dept, name: deptName },
			node: { code: agency, name },
			executed,
			payments: projects.reduce((n, p) => n + p.payments, 0),
			timeProgress: timeProgress(q.asOf, q.year),
			share: shareOf(executed, yuanToFen(deptTotal[0].executed)),
			projects,
			months,
			feed
		};
	});
}
