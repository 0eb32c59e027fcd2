// Government debt (政府债务) of one year: limits and balances by type, flows by month, the debt ratio
// and its grade, the years before for comparison, the special-bond projects of the fund budget
// against their plans, and the open debt alerts.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../db/client';
import type { AlertLevel } from '../domain/alerts/params';
import { BOND_FUNC_PREFIXES, debtYear, debtYears, type DebtYear } from '../domain/debt';
import { listAlerts } from './alerts/index';
import { caseIdsOfAlerts } from './cases/queries';
import { loadDebtRows } from './alerts/loaders/debt';
import { rollupBetween } from './rollup-read';
import { feedFreshness, snapshot, type FeedFreshness } from './snapshot';

export interface BondProject {
	deptCode: string;
	deptName: string | null;
	funcCode: string;
	projectCode: string;
	projectName: string | null;
	/** Plan of the fund budget and bond money spent so far (元). */
	plan: string;
	spent: string;
}

export interface DebtAlert {
	id: number;
	/** The case the alert is evidence in (what `/alerts/[id]` opens); null while it is in none. */
	caseId: number | null;
	ruleType: string;
	level: AlertLevel;
	period: string;
}

export interface DebtPage {
	seq: number;
	years: number[];
	year: number | null;
	current: DebtYear | null;
	/** Every year on record, oldest first, for the comparison table and chart. */
	history: DebtYear[];
	bondProjects: BondProject[];
	alerts: DebtAlert[];
	feed: FeedFreshness;
}

/** Fund-budget plan lines of the special-bond function classes and their spending in the year. */
export async function bondProjects(ex: Executor, year: number): Promise<BondProject[]> {
	const bond = sql.join(
		BOND_FUNC_PREFIXES.map((p) => sql`l.func_code like ${`${p}%`}`),
		sql` or `
	);
	const spentBond = sql.join(
		BOND_FUNC_PREFIXES.map((p) => sql`func_code like ${`${p}%`}`),
		sql` or `
	);
	return rows<BondProject>(
		ex,
		sql`with spent as (
				select dept_code, func_code, project_code, sum(amount) as amount
				from ${rollupBetween('line', 'fund', `${year}-01-01`, `${year}-12-31`, sql`(${spentBond})`)} r
				group by 1, 2, 3
			)
			select l.dept_code as "deptCode", u.name as "deptName", l.func_code as "funcCode",
				l.project_code as "projectCode", l.project_name as "projectName",
				sum(l.available_amount)::text as plan, coalesce(max(s.amount), 0)::text as spent
			from plan_line l
			left join budget_unit u on u.code = l.dept_code
			left join spent s on s.dept_code = l.dept_code and s.func_code = l.func_code and s.project_code = l.project_code
			where l.year = ${year} and l.budget_kind = 'fund' and l.side = 'expenditure' and (${bond})
			group by 1, 2, 3, 4, 5 order by 1, 4`
	);
}

export async function debtPage(q: { year: number | null }): Promise<DebtPage> {
	return snapshot(async (tx, seq) => {
		const [all, feed] = await Promise.all([loadDebtRows(tx), feedFreshness(tx, 'debt')]);
		const years = debtYears(all);
		const year = q.year ?? years[0] ?? null;
		const history = [...years]
			.reverse()
			.map((y) => debtYear(all, y))
			.filter((y): y is DebtYear => y !== null);
		if (year === null)
			return { seq, years, year, current: null, history, bondProjects: [], alerts: [], feed };
		const [projects, ratio, service] = await Promise.all([
			bondProjects(tx, year),
			listAlerts(tx, { year, status: 'active', ruleType: 'debtRatio', limit: 100 }),
			listAlerts(tx, { year, status: 'active', ruleType: 'debtService', limit: 100 })
		]);
		const found = [...ratio.rows, ...service.rows];
		const caseOf = await caseIdsOfAlerts(
			tx,
			found.map((a) => a.id)
		);
		return {
			seq,
			years,
			year,
			current: debtYear(all, year),
			history,
			bondProjects: projects,
			alerts: found.map((a) => ({
				id: a.id,
				caseId: caseOf.get(a.id) ?? null,
				ruleType: a.ruleType,
				level: a.level,
				period: a.period
			})),
			feed
		};
	});
}

/** The month report's debt section: the year's debt with the records of its months through `month`. */
export async function monthDebt(year: number, month: number): Promise<DebtYear | null> {
	return snapshot(async (tx) => {
		const all = await loadDebtRows(tx);
		const upTo = `${year}-${String(month).padStart(2, '0')}`;
		return debtYear(
			// A year's record counts in December's report (it is the year's close).
			all.filter((r) => (r.period.length === 7 ? r.period <= upTo : month === 12)),
			year
		);
	});
}
