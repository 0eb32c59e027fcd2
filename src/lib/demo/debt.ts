/**
 * The city's government debt (政府债务), consistent with its budgets: each year the special-bond
 * projects of the fund budget (政府性基金预算) are what the year's new special bonds finance, the
 * interest the repayment schedule makes due is what the 232 lines of the general and fund budgets
 * plan (paid in March, June, September and December, as those lines are), and maturing principal is
 * repaid on schedule, mostly with refinancing bonds. Balances chain from year to year. Every year
 * the debt ratio sits in the MOF's yellow band (a 预警 of the 债务率 rule).
 * Records: a year's record for every year before `year`, months for `year` (completed months).
 */
import { linePayees } from './payees';
import type { DemoPayment } from './payments';

/** The trades of a bond project's contracts: three 标段 builders, then the supervisor. */
const BUILDERS = ['建设工程有限公司', '市政工程有限公司', '路桥工程有限公司', '建工集团有限公司'];
import type { DemoPlanLine } from './plan-lines';

type DebtType = 'general' | 'special';

export interface DemoDebtRecord {
	id: string;
	period: string;
	debtType: DebtType;
	limit: string;
	balance: string;
	issued: string;
	refinanced: string;
	principalRepaid: string;
	interestPaid: string;
	principalDue: string;
	interestDue: string;
	capacity?: string;
}

/** Special-bond projects of the fund budget: dept, function, name, plan (万元) in 2026, share of it spent by December (the shanty-town renovation, phase 3, lags: planted.ts bond-project-behind). */
const BOND_PROJECTS: [dept: string, func: string, name: string, wan: number, spentShare: number][] =
	[
		['135', '2121701', '滨江新区综合管廊（专项债券）', 128000, 0.86],
		['135', '2121701', '城北片区雨污分流改造（专项债券）', 64000, 0.91],
		['141', '2121501', '临港新区土地储备（专项债券）', 156000, 0.78],
		['135', '2121601', '老城区棚户区改造三期（专项债券）', 92000, 0.34],
		['106', '2290402', '安澜港多式联运物流园（专项债券）', 70000, 0.82]
	];

const BASE_YEAR = 2026;
/** Balances at the end of BASE_YEAR − 1 (万元) and the year's growth of limits. */
const OPENING: Record<DebtType, { balance: number; limit: number }> = {
	general: { balance: 1_152_000, limit: 1_260_000 },
	special: { balance: 1_218_000, limit: 1_820_000 }
};
/** Months new bonds are issued in, and maturities fall due in, with their shares. */
const ISSUE_MONTHS: Record<DebtType, [number, number][]> = {
	general: [
		[4, 0.6],
		[9, 0.4]
	],
	special: [
		[3, 0.3],
		[5, 0.3],
		[8, 0.25],
		[10, 0.15]
	]
};
const MATURITY_MONTHS: [number, number][] = [
	[3, 0.25],
	[6, 0.3],
	[9, 0.25],
	[11, 0.2]
];
const INTEREST_MONTHS: [number, number][] = [
	[3, 0.2],
	[6, 0.3],
	[9, 0.2],
	[12, 0.3]
];

const WAN = 1_000_000n; // fen in 1万元
const fen = (wan: number) => BigInt(Math.round(wan)) * WAN;
const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
const share = (total: bigint, s: number) => (total * BigInt(Math.round(s * 1000))) / 1000n;

/** The bond projects' plans of a year (万元): the projects grow 5% a year from the base year. */
export function bondProjectPlans(year: number) {
	const g = 1.05 ** (year - BASE_YEAR);
	return BOND_PROJECTS.map(([dept, func, name, wan, spentShare], i) => ({
		deptCode: dept,
		funcCode: func,
		projectCode: `ZQ${year}${String(i + 1).padStart(2, '0')}`,
		projectName: `${year}年${name}`,
		amount: fen(wan * g),
		spentShare
	}));
}

interface YearModel {
	type: DebtType;
	limit: bigint;
	opening: bigint;
	newIssue: bigint;
	refinanced: bigint;
	principalDue: bigint;
	interest: bigint;
}

/** A year's flows, apart from the balance: new bonds, maturities, and most of them refinanced. */
function flowsOf(type: DebtType, year: number) {
	const n = year - BASE_YEAR;
	const principalDue = fen((type === 'general' ? 90_000 : 70_000) * 1.05 ** n);
	const refinanced = share(principalDue, 0.85);
	const newIssue =
		type === 'special'
			? bondProjectPlans(year).reduce((s, p) => s + p.amount, 0n)
			: fen(60_000 * 1.03 ** n);
	return { principalDue, refinanced, newIssue, net: newIssue + refinanced - principalDue };
}

/** The balance at the start of a year: chained from the base year's, forward or back, exactly. */
function openingOf(type: DebtType, year: number): bigint {
	let balance = fen(OPENING[type].balance);
	for (let y = BASE_YEAR; y < year; y++) balance += flowsOf(type, y).net;
	for (let y = BASE_YEAR - 1; y >= year; y--) balance -= flowsOf(type, y).net;
	return balance;
}

function yearModel(type: DebtType, year: number, interest: bigint): YearModel {
	const f = flowsOf(type, year);
	return {
		type,
		limit: fen(OPENING[type].limit * 1.06 ** (year - BASE_YEAR)),
		opening: openingOf(type, year),
		newIssue: f.newIssue,
		refinanced: f.refinanced,
		principalDue: f.principalDue,
		interest
	};
}

/** 综合财力 of a year (万元): grows 3% a year. */
const capacity = (year: number) => fen(1_960_000 * 1.03 ** (year - BASE_YEAR));

/** Interest planned on the 232 lines of a year, by debt type (general budget → general debt). */
export function plannedInterest(lines: readonly DemoPlanLine[]): Record<DebtType, bigint> {
	const out: Record<DebtType, bigint> = { general: 0n, special: 0n };
	for (const l of lines)
		if (l.funcCode.startsWith('232'))
			out[(l.budgetKind ?? 'general') === 'fund' ? 'special' : 'general'] += l.adjusted ?? l.amount;
	return out;
}

function monthFlows(m: YearModel, month: number) {
	const at = (months: [number, number][], total: bigint) =>
		months.reduce((s, [mm, sh], i) => {
			if (mm !== month) return s;
			// The last share takes the remainder, so the months add up to the year exactly.
			const before = months.slice(0, i).reduce((a, [, x]) => a + share(total, x), 0n);
			return s + (i === months.length - 1 ? total - before : share(total, sh));
		}, 0n);
	const refinanced = at(MATURITY_MONTHS, m.refinanced);
	return {
		issued: at(ISSUE_MONTHS[m.type], m.newIssue) + refinanced,
		refinanced,
		principal: at(MATURITY_MONTHS, m.principalDue),
		interest: at(INTEREST_MONTHS, m.interest)
	};
}

/** One debt type's records: the year's record, or its months through `lastMonth`. */
function typeRecords(m: YearModel, year: number, lastMonth: number | null): DemoDebtRecord[] {
	const out: DemoDebtRecord[] = [];
	let balance = m.opening;
	let sums = { issued: 0n, refinanced: 0n, principal: 0n, interest: 0n };
	for (let month = 1; month <= 12; month++) {
		const f = monthFlows(m, month);
		balance += f.issued - f.principal;
		sums = {
			issued: sums.issued + f.issued,
			refinanced: sums.refinanced + f.refinanced,
			principal: sums.principal + f.principal,
			interest: sums.interest + f.interest
		};
		if (lastMonth !== null && month <= lastMonth)
			out.push(record(m, `${year}-${String(month).padStart(2, '0')}`, balance, f, year));
	}
	if (lastMonth === null) out.push(record(m, String(year), balance, sums, year));
	return out;
}

function record(
	m: YearModel,
	period: string,
	balance: bigint,
	f: { issued: bigint; refinanced: bigint; principal: bigint; interest: bigint },
	year: number
): DemoDebtRecord {
	return {
		id: `D-${period}-${m.type}`,
		period,
		debtType: m.type,
		limit: yuan(m.limit),
		balance: yuan(balance),
		issued: yuan(f.issued),
		refinanced: yuan(f.refinanced),
		principalRepaid: yuan(f.principal),
		interestPaid: yuan(f.interest),
		principalDue: yuan(f.principal),
		interestDue: yuan(f.interest),
		...(m.type === 'general' ? { capacity: yuan(capacity(year)) } : {})
	};
}

/**
 * The debt records of `year` through the fiscal date `through`: its completed months (all twelve
 * once the year is over), with `interest` the 232 lines' plans of the year by debt type.
 */
export function demoDebtRecords(
	year: number,
	through: string,
	interest: Record<DebtType, bigint>
): DemoDebtRecord[] {
	const complete = through >= `${year}-12-31`;
	const lastMonth = complete ? 12 : Number(through.slice(5, 7)) - 1;
	return (['general', 'special'] as const).flatMap((type) =>
		typeRecords(yearModel(type, year, interest[type]), year, lastMonth)
	);
}

/** The year's record of `year` (for the years before the demo's two), from the same model. */
export function demoDebtYearRecords(
	year: number,
	interest: Record<DebtType, bigint>
): DemoDebtRecord[] {
	return (['general', 'special'] as const).flatMap((type) =>
		typeRecords(yearModel(type, year, interest[type]), year, null)
	);
}

/** The bond projects' plan records of the fund budget (年初预算). */
export function demoBondPlans(year: number) {
	return bondProjectPlans(year).map((p) => ({
		id: `P-${p.projectCode}`,
		year,
		stage: 'initial' as const,
		budgetKind: 'fund' as const,
		deptCode: p.deptCode,
		funcCode: p.funcCode,
		econCode: '309',
		projectCode: p.projectCode,
		projectName: p.projectName,
		amount: yuan(p.amount)
	}));
}

/** A bond project's contracts' shares of each progress payment: its 标段 contractors and its supervisor. */
const CONTRACT_SHARES = [0.36, 0.3, 0.24, 0.1];

/**
 * The bond projects' payments: from April (after the first bonds of the year) a progress payment
 * (进度款) on the 15th and 25th of each month, each project reaching its share of the plan by
 * December; dated before `through`. A progress payment pays the project's own contractors (three
 * 标段 and the supervisor, named per project) by their share of the work done, so no single
 * payment carries a whole instalment of the project.
 */
export function demoBondPayments(year: number, through: string): DemoPayment[] {
	const out: DemoPayment[] = [];
	for (const p of bondProjectPlans(year)) {
		const total = share(p.amount, p.spentShare);
		const firms = [
			...linePayees(`bond/${p.projectCode}`, 3, BUILDERS),
			...linePayees(`bond/${p.projectCode}/supervisor`, 1, ['工程监理有限公司'])
		];
		const parts = 18; // April–December, two a month
		let paid = 0n;
		for (let i = 0; i < parts; i++) {
			const month = 4 + Math.floor(i / 2);
			const day = i % 2 === 0 ? 15 : 25;
			const date = `${year}-${String(month).padStart(2, '0')}-${day}`;
			const amount = i === parts - 1 ? total - paid : total / BigInt(parts);
			paid += amount;
			if (date >= through) continue;
			// Each contract's work in the period moves a little around its share (±15%).
			const weights = CONTRACT_SHARES.map((s, k) => s * (1 + 0.15 * Math.sin((i + 1) * (k + 2))));
			const sum = weights.reduce((x, y) => x + y, 0);
			let left = amount;
			CONTRACT_SHARES.forEach((_, k) => {
				const part =
					k === CONTRACT_SHARES.length - 1
						? left
						: ((amount * BigInt(Math.round((weights[k] / sum) * 10_000))) / 10_000n / 100n) * 100n;
				left -= part;
				out.push({
					id: `ZQP-${p.projectCode}-${String(i + 1).padStart(2, '0')}${k + 1}`,
					paidAt: `${date}T10:${String(30 + k).padStart(2, '0')}:00+08:00`,
					budgetKind: 'fund' as const,
					deptCode: p.deptCode,
					agencyCode: `${p.deptCode}001`,
					funcCode: p.funcCode,
					econCode: '30905',
					projectCode: p.projectCode,
					amount: yuan(part),
					payType: 'direct' as const,
					payee: firms[k],
					payeeKind: 'org' as const,
					purpose: `${p.projectName}进度款`
				});
			});
		}
	}
	return out;
}
