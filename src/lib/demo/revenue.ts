/**
 * The demo city's revenue: each budget's revenue plan by subject, and the treasury's daily
 * collections on working days (taxes peak around the 15th filing day).
 */
import { daysInMonth, lastDayThrough, lastMonthThrough, moment, workingDays } from './calendar';
import { DEMO_SEED } from './city';
import { fenText, wan } from './numbers';
import type { PaymentGenerationOptions } from './payments';
import type { DemoBudgetKind } from './plan-lines';
import { Random } from './random';
import { SHAPE } from './shapes';

type RevenuePlan = [subject: string, wan: number, yearCollection: number][];

/** 一般公共预算收入 plan by subject (万元) and how far each runs behind or ahead of its plan this year. */
const REVENUE_PLAN: RevenuePlan = [
	['10101', 210000, 1.01],
	['10104', 72000, 0.97],
	['10106', 24000, 1.04],
	['10107', 4200, 0.99],
	['10109', 36000, 1.0],
	['10110', 18000, 1.02],
	['10111', 12000, 1.05],
	['10112', 12000, 0.98],
	['10113', 24000, 0.72], // land appreciation tax: the property slump, a revenue-lag alert
	['10119', 36000, 0.78], // deed tax: likewise (planted.ts revenue-behind-deed-tax)
	['10121', 1800, 1.0],
	['10302', 36000, 0.95],
	['10304', 30000, 0.99],
	['10305', 24000, 1.08],
	['10307', 60000, 0.9] // state resource fees a tenth short (planted.ts revenue-short-resources)
];

/** 政府性基金预算收入: land sales fall well short of plan (the property slump), lottery funds hold up. */
const FUND_REVENUE_PLAN: RevenuePlan = [
	['1030148', 420000, 0.7], // land sales: planted.ts land-sales-behind
	['1030155', 5200, 0.98]
];

/** 国有资本经营预算收入: the city's groups hand over part of last year's profit and dividends. */
const CAPITAL_REVENUE_PLAN: RevenuePlan = [
	['1030601', 23000, 1.01],
	['1030602', 5500, 0.96]
];

/** 社会保险基金预算收入 (102): contributions, and the budget's subsidies to the funds. */
const SOCIAL_REVENUE_PLAN: RevenuePlan = [
	['1021001', 118000, 1.0],
	['1021002', 62000, 1.0],
	['1020201', 12000, 1.01],
	['1020301', 188000, 1.02],
	['1020401', 9000, 0.99],
	['1021101', 71000, 0.97],
	['1021102', 158000, 1.0]
];

export interface DemoRevenueLine {
	budgetKind: DemoBudgetKind;
	subjectCode: string;
	amount: bigint;
	yearCollection: number;
}

export interface DemoRevenue {
	id: string;
	collectedAt: string;
	budgetKind: DemoBudgetKind;
	subjectCode: string;
	amount: string;
}

type PendingRevenue = DemoRevenue & { key: number };

export function demoRevenuePlan(): DemoRevenueLine[] {
	const lines = (budgetKind: DemoBudgetKind, plan: RevenuePlan) =>
		plan.map(([subjectCode, w, yearCollection]) => ({
			budgetKind,
			subjectCode,
			amount: wan(w),
			yearCollection
		}));
	return [
		...lines('general', REVENUE_PLAN),
		...lines('fund', FUND_REVENUE_PLAN),
		...lines('capital', CAPITAL_REVENUE_PLAN),
		...lines('social', SOCIAL_REVENUE_PLAN)
	];
}

/** Daily treasury collections per subject on working days, in time order, numbered per budget. */
export function generateRevenue(options: PaymentGenerationOptions): DemoRevenue[] {
	const { year, through } = options;
	const rng = new Random(options.seed ?? DEMO_SEED).fork(year * 11 + 3);
	const lastMonth = lastMonthThrough(year, through);
	const out: PendingRevenue[] = [];
	for (const line of demoRevenuePlan()) {
		const r = rng.fork(Number(line.subjectCode));
		for (let month = 1; month <= lastMonth; month++)
			out.push(...monthCollections(line, year, month, lastDayThrough(year, month, through), r));
	}
	out.sort((a, b) => a.key - b.key);
	// Each budget numbers its own collections, so the general budget's ids stay as they were.
	const seq: Record<DemoBudgetKind, number> = { general: 0, fund: 0, capital: 0, social: 0 };
	const prefix: Record<DemoBudgetKind, string> = {
		general: 'SR',
		fund: 'JJSR',
		capital: 'GZSR',
		social: 'SBSR'
	};
	return out.map(({ key: _key, ...r }) => ({
		...r,
		id: `${prefix[r.budgetKind]}${year}-${String(++seq[r.budgetKind]).padStart(6, '0')}`
	}));
}

/** One subject's collections of a month through `maxDay`, each working day's share of the month's. */
function monthCollections(
	line: DemoRevenueLine,
	year: number,
	month: number,
	maxDay: number,
	r: Random
): PendingRevenue[] {
	const isTax = line.subjectCode.startsWith('101');
	const filingWeight = (d: number) => (isTax && d >= 10 && d <= 18 ? 4 : 1);
	const monthTarget = Number(line.amount) * line.yearCollection * SHAPE.revenue[month - 1];
	const days = workingDays(year, month, maxDay);
	const weights = days.map((d) => filingWeight(d) * (0.7 + 0.6 * r.next()));
	const total = workingDays(year, month, daysInMonth(year, month))
		.map(filingWeight)
		.reduce((s, w) => s + w, 0);
	const out: PendingRevenue[] = [];
	days.forEach((day, i) => {
		const fen = Math.round((monthTarget * weights[i]) / total / 100) * 100;
		if (fen <= 0) return;
		const m = moment(year, month, day, 16, 30, 0);
		out.push({
			key: m.key,
			id: '',
			collectedAt: m.text,
			budgetKind: line.budgetKind,
			subjectCode: line.subjectCode,
			amount: fenText(fen)
		});
	});
	return out;
}
