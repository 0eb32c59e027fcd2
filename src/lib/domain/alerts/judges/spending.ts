/**
 * The spending rules' data: a year's expenditure plan lines and its spending by plan-line key,
 * allocated per budget kind and department by plan-match.ts, and the groupings the rules judge
 * (function classes, projects).
 */
import { fiscalYearOf } from '../../fiscal';
import { type FiscalDate } from '../../calendar';
import type { Fen } from '../../money';
import { allocateToLines, type Spending } from '../../plan-match';
import type { PaymentRecord } from '../../records';
import { isLeftOut, type Profile } from '../profiles';

/** An expenditure plan line of the year with its plan in force on the data's as-of date. */
export interface PlanLine {
	budgetKind: string;
	deptCode: string;
	funcCode: string;
	econCode: string;
	projectCode: string;
	projectName: string | null;
	plan: Fen;
}

/** This year's spending on one plan-line key: budget kind, department, function, economic and project codes. */
export interface LineSpending extends Spending {
	budgetKind: string;
	deptCode: string;
}

export interface SpendingData {
	year: number;
	asOf: FiscalDate;
	lines: PlanLine[];
	/** Spending from 1 January through asOf, grouped by the plan-line key. */
	spending: LineSpending[];
}

/** The year's last day, or asOf when that is earlier. */
export const throughOf = (year: number, asOf: FiscalDate): FiscalDate =>
	asOf > `${year}-12-31` ? `${year}-12-31` : asOf;

/** A department's plan-line key: budget kind, function, economic and project code. */
export function planLineKey(
	s: Pick<LineSpending, 'budgetKind' | 'funcCode' | 'econCode' | 'projectCode'>
): string {
	return `${s.budgetKind}|${s.funcCode}|${s.econCode}|${s.projectCode}`;
}

/** The key of a project's facts (last payment, December spending); project '*' is the whole department. */
export const projectKey = (kind: string, dept: string, project: string): string =>
	`${kind}|${dept}|${project}`;

/**
 * What a group inserted, by fiscal year and plan-line key: one entry per key of a year, summed, so
 * the ledger adds a few thousand entries for a 20,000-payment group rather than one per payment.
 */
export function spendingAdded(
	inserted: readonly PaymentRecord[],
	tz: string
): Map<number, LineSpending[]> {
	const byKey = new Map<string, LineSpending>();
	const byYear = new Map<number, LineSpending[]>();
	for (const p of inserted) {
		const year = fiscalYearOf(p.paidAt, tz);
		const key = `${year}|${p.deptCode}|${planLineKey(p)}`;
		const known = byKey.get(key);
		if (known) {
			known.amount += p.amount;
			known.payments++;
			continue;
		}
		const spending = {
			budgetKind: p.budgetKind,
			deptCode: p.deptCode,
			funcCode: p.funcCode,
			econCode: p.econCode,
			projectCode: p.projectCode,
			amount: p.amount,
			payments: 1
		};
		byKey.set(key, spending);
		(byYear.get(year) ?? byYear.set(year, []).get(year)!).push(spending);
	}
	return byYear;
}

/** The data without the plan lines and spending that these profiles leave out (by function or economic code). */
export function leaveOut(data: SpendingData, profiles: readonly Profile[]): SpendingData {
	const left = profiles.filter((p) => p.mode !== 'thresholds');
	if (left.length === 0) return data;
	const keep = (c: { funcCode: string; econCode: string }) => !isLeftOut(left, c);
	return { ...data, lines: data.lines.filter(keep), spending: data.spending.filter(keep) };
}

/** One department's spending of one budget kind, allocated to its plan lines. */
export interface DeptSpending {
	kind: string;
	dept: string;
	lines: (PlanLine & { executed: Fen })[];
	/** Spending no plan line covers (无预算支出), by its codes. */
	unplanned: Spending[];
	spending: Spending[];
	plan: Fen;
	totalExecuted: Fen;
}

/** Groups the year's lines and spending by budget kind and department and allocates each group. */
export function allocate(data: SpendingData): DeptSpending[] {
	const groups = new Map<string, { lines: PlanLine[]; spending: Spending[] }>();
	const group = (kind: string, dept: string) => {
		const key = `${kind}|${dept}`;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { lines: [], spending: [] }));
		return g;
	};
	for (const l of data.lines) group(l.budgetKind, l.deptCode).lines.push(l);
	for (const s of data.spending) group(s.budgetKind, s.deptCode).spending.push(s);
	const out: DeptSpending[] = [];
	for (const [key, g] of groups) {
		const [kind, dept] = key.split('|');
		const allocation = allocateToLines(g.lines, g.spending);
		out.push({
			kind,
			dept,
			lines: g.lines.map((l, i) => ({ ...l, executed: allocation.executed[i] })),
			unplanned: allocation.unplannedSpending,
			spending: g.spending,
			plan: g.lines.reduce((s, l) => s + l.plan, 0n),
			totalExecuted: g.spending.reduce((s, x) => s + x.amount, 0n)
		});
	}
	return out;
}

export interface ProjectSpending {
	name: string | null;
	plan: Fen;
	/** Spending with the project's code, wherever it was allocated. */
	executed: Fen;
	/** The function code of the project's first plan line. */
	funcCode: string;
}

/** A department's projects: its plan lines with a project code, summed per project. */
export function projectsOf(a: DeptSpending): Map<string, ProjectSpending> {
	const projects = new Map<string, ProjectSpending>();
	for (const l of a.lines) {
		if (l.projectCode === '') continue;
		const p = projects.get(l.projectCode) ?? {
			name: l.projectName,
			plan: 0n,
			executed: 0n,
			funcCode: l.funcCode
		};
		p.plan += l.plan;
		projects.set(l.projectCode, p);
	}
	for (const s of a.spending) {
		const p = projects.get(s.projectCode);
		if (p) p.executed += s.amount;
	}
	return projects;
}

/**
 * Plan and spending per function class (类, the first 3 digits) over departments: the plan of lines
 * with a function code, all spending (a class with spending and no plan has a plan of zero).
 */
export function classTotals(
	depts: readonly DeptSpending[]
): Map<string, { plan: Fen; executed: Fen }> {
	const byClass = new Map<string, { plan: Fen; executed: Fen }>();
	const at = (code: string) => {
		const cls = code.slice(0, 3);
		let c = byClass.get(cls);
		if (!c) byClass.set(cls, (c = { plan: 0n, executed: 0n }));
		return c;
	};
	for (const a of depts) {
		for (const l of a.lines) if (l.funcCode !== '') at(l.funcCode).plan += l.plan;
		for (const s of a.spending) at(s.funcCode).executed += s.amount;
	}
	return byClass;
}
