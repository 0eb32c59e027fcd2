/**
 * Government debt (政府债务) as the committee reads it, from `debt` records: per debt type the limit
 * and balance of the latest period of a year (a year's record stands after its months), the flows
 * (issuance, principal repaid, interest paid, and what the repayment schedule made due) by month,
 * the year's totals (the months' sums when the year has monthly records, else the year's record),
 * and the debt ratio 债务率 = balance / 综合财力 with its MOF grade. Money is exact (bigint fen).
 */
import { fenToYuan, yuanToFen, type Fen } from './money';
import { debtRatio, fractionText, mofGrade, percentText, type MofGrade } from './ratios';

export const DEBT_TYPES = ['general', 'special'] as const;
export type DebtType = (typeof DEBT_TYPES)[number];

export const DEBT_FLOWS = [
	'issued',
	'refinanced',
	'principalRepaid',
	'interestPaid',
	'principalDue',
	'interestDue'
] as const;
export type DebtFlow = (typeof DEBT_FLOWS)[number];

/**
 * Fund-budget function classes of spending financed by special bonds (专项债券收入安排的支出): the
 * bond projects whose spending is watched against their plans.
 */
export const BOND_FUNC_PREFIXES = ['21215', '21216', '21217', '21218', '21219', '22904'] as const;

export function isBondFunction(funcCode: string): boolean {
	return BOND_FUNC_PREFIXES.some((p) => funcCode.startsWith(p));
}

/** One stored record, amounts as decimal strings in 元 (null when not reported). */
export interface DebtRow {
	period: string;
	debtType: DebtType;
	limit: string;
	balance: string;
	issued: string | null;
	refinanced: string | null;
	principalRepaid: string | null;
	interestPaid: string | null;
	principalDue: string | null;
	interestDue: string | null;
	capacity: string | null;
}

export type Flows = Record<DebtFlow, string>;

export interface DebtTypeYear {
	debtType: DebtType;
	/** The period limit and balance are taken from. */
	asOf: string;
	limit: string;
	balance: string;
	/** limit − balance: room left under the limit. */
	headroom: string;
	/** balance / limit as a fraction (4 decimals, rounded once). */
	usage: string | null;
	flows: Flows;
}

export interface DebtMonth {
	month: number;
	flows: Flows;
}

export interface DebtYear {
	year: number;
	types: DebtTypeYear[];
	limit: string;
	balance: string;
	flows: Flows;
	capacity: string | null;
	/** 债务率 as a fraction with 4 decimals, its percent text (2 decimals), its grade; null without capacity. */
	ratio: { value: string; percent: string; grade: MofGrade } | null;
	/** Months 1–12 with their flows summed over both types (zero where nothing was reported). */
	months: DebtMonth[];
}

/** Sort key of a period within its year: a year's record after its months. */
const periodKey = (p: string) => (p.length === 4 ? `${p}-13` : p);
const fen = (v: string | null) => (v === null ? 0n : yuanToFen(v));
const zeroFlows = (): Record<DebtFlow, Fen> =>
	Object.fromEntries(DEBT_FLOWS.map((f) => [f, 0n])) as Record<DebtFlow, Fen>;
const asYuan = (f: Record<DebtFlow, Fen>): Flows =>
	Object.fromEntries(DEBT_FLOWS.map((k) => [k, fenToYuan(f[k])])) as Flows;

function addFlows(into: Record<DebtFlow, Fen>, r: DebtRow) {
	for (const k of DEBT_FLOWS) into[k] += fen(r[k]);
}

/** The years with records, newest first. */
export function debtYears(rows: readonly DebtRow[]): number[] {
	return [...new Set(rows.map((r) => Number(r.period.slice(0, 4))))].sort((a, b) => b - a);
}

/** A year's debt from all records (records of other years are ignored); null when it has none. */
export function debtYear(rows: readonly DebtRow[], year: number): DebtYear | null {
	const mine = rows
		.filter((r) => Number(r.period.slice(0, 4)) === year)
		.sort((a, b) => (periodKey(a.period) < periodKey(b.period) ? -1 : 1));
	if (mine.length === 0) return null;
	const types: DebtTypeYear[] = [];
	const total = zeroFlows();
	let limit = 0n;
	let balance = 0n;
	for (const debtType of DEBT_TYPES) {
		const own = mine.filter((r) => r.debtType === debtType);
		if (own.length === 0) continue;
		const latest = own[own.length - 1];
		const months = own.filter((r) => r.period.length === 7);
		const flows = zeroFlows();
		for (const r of months.length > 0 ? months : own) addFlows(flows, r);
		for (const k of DEBT_FLOWS) total[k] += flows[k];
		const l = yuanToFen(latest.limit);
		const b = yuanToFen(latest.balance);
		limit += l;
		balance += b;
		types.push({
			debtType,
			asOf: latest.period,
			limit: fenToYuan(l),
			balance: fenToYuan(b),
			headroom: fenToYuan(l - b),
			usage: fractionText(debtRatio(fenToYuan(b), fenToYuan(l)), 4),
			flows: asYuan(flows)
		});
	}
	const withCapacity = mine.filter((r) => r.capacity !== null);
	const capacity = withCapacity.length > 0 ? withCapacity[withCapacity.length - 1].capacity : null;
	const r = capacity === null ? null : debtRatio(fenToYuan(balance), capacity);
	return {
		year,
		types,
		limit: fenToYuan(limit),
		balance: fenToYuan(balance),
		flows: asYuan(total),
		capacity,
		ratio:
			r === null
				? null
				: { value: fractionText(r, 4)!, percent: percentText(r, 2)!, grade: mofGrade(r) },
		months: monthsOf(mine)
	};
}

function monthsOf(rows: readonly DebtRow[]): DebtMonth[] {
	const byMonth = Array.from({ length: 12 }, zeroFlows);
	for (const r of rows)
		if (r.period.length === 7) addFlows(byMonth[Number(r.period.slice(5)) - 1], r);
	return byMonth.map((f, i) => ({ month: i + 1, flows: asYuan(f) }));
}

/** Debt service of a year so far against the schedule: paid − due for principal and interest (元). */
export function serviceGap(y: DebtYear): { principal: string; interest: string } {
	const f = y.flows;
	return {
		principal: fenToYuan(yuanToFen(f.principalRepaid) - yuanToFen(f.principalDue)),
		interest: fenToYuan(yuanToFen(f.interestPaid) - yuanToFen(f.interestDue))
	};
}
