/**
 * Ground truth for the demo city: the documented list of anomalies the generator plants (here and in
 * anomalies.ts, revenue.ts, assets.ts), as data, with the records this module adds (split payments,
 * a duplicate payment, a project over its plan); `matchPlanted` (planted-match.ts) scores what the
 * alert engine found (findings or cases) against the list: recall and precision.
 */
import type { LineProfile } from './departments';
import type { DemoPayment } from './payments';
import type { DemoPlanLine } from './plan-lines';

/** When a planted anomaly exists: a day of the month before the data's last (number), or MM-DD of the year. */
export type PlantedOn = number | string;

export interface PlantedAnomaly {
	id: string;
	/** What a reviewer would call it. */
	zh: string;
	en: string;
	/** Rules whose findings show it (any of them). */
	rules: readonly string[];
	/** The department it concerns, when it concerns one. */
	deptCode?: string;
	/** The project it concerns. */
	projectCode?: string;
	/** The subject key of its finding, `{year}` replaced by the year. */
	subjectKey?: string;
	/** From when the data shows it. */
	on: PlantedOn;
	/** False: it clears itself once the data moves on (a feed gap), so it is no open item at year end. */
	stays?: boolean;
	/** Where it is planted. */
	plantedIn: string;
}

/** The list (current year; every demo year plants the same). */
export const PLANTED: readonly PlantedAnomaly[] = [
	{
		id: 'dept-behind-138',
		zh: '市水利局支出进度严重滞后（工程延期）',
		en: 'Water bureau far behind time progress (works late)',
		rules: ['paceLag', 'q3LowExecution', 'projectIdle'],
		deptCode: '138',
		on: '03-01',
		plantedIn: 'anomalies.ts LAGGING_DEPARTMENTS'
	},
	{
		id: 'dept-behind-133',
		zh: '市生态环境局支出进度滞后',
		en: 'Ecology bureau behind time progress',
		rules: ['paceLag', 'q3LowExecution'],
		deptCode: '133',
		on: '03-01',
		plantedIn: 'anomalies.ts LAGGING_DEPARTMENTS'
	},
	{
		id: 'dept-behind-124',
		zh: '部门 124 支出进度偏慢',
		en: 'Department 124 behind time progress',
		rules: ['paceLag', 'q3LowExecution'],
		deptCode: '124',
		on: '06-01',
		plantedIn: 'anomalies.ts LAGGING_DEPARTMENTS'
	},
	{
		id: 'idle-project',
		zh: '城区防洪排涝泵站建设（二期）全年未支付',
		en: 'Flood pumping station (phase 2) never paid',
		rules: ['projectIdle', 'paceLag'],
		deptCode: '138',
		projectCode: '2024138901',
		on: '04-03',
		plantedIn: 'anomalies.ts ANOMALY_LINES'
	},
	{
		id: 'year-end-rush',
		zh: '智慧城管平台建设 12 月突击支付',
		en: 'Smart city-management platform paid mostly in December',
		rules: ['yearEndRush'],
		deptCode: '131',
		projectCode: '2024131901',
		on: '12-22',
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS'
	},
	{
		id: 'rush-project-idle',
		zh: '智慧城管平台建设 1–11 月未支付（12 月突击前）',
		en: 'Smart city-management platform unpaid January to November (before its December rush)',
		rules: ['projectIdle', 'paceLag'],
		deptCode: '131',
		projectCode: '2024131901',
		on: '04-03',
		plantedIn: 'anomalies.ts ANOMALY_LINES'
	},
	{
		id: 'three-public-over',
		zh: '市政府办公室三公经费超预算（公务用车集中维修）',
		en: '"Three public" expenses of department 103 over budget (fleet overhaul)',
		rules: ['threePublic'],
		deptCode: '103',
		on: 18,
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS'
	},
	{
		id: 'very-large-payment',
		zh: '跨江大桥引线工程进度款 6850 万元',
		en: 'Bridge approach works instalment of 68.5 million yuan',
		rules: ['largePayment'],
		deptCode: '139',
		subjectKey: 'ZF{year}-X0005',
		on: 16,
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS'
	},
	{
		id: 'no-plan',
		zh: '市教育局无预算支出（2059999）',
		en: 'Education bureau spending without a plan (2059999)',
		rules: ['noPlan', 'dataQuality'],
		deptCode: '122',
		on: 14,
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS'
	},
	{
		id: 'no-plan-118',
		zh: '市公安局在司法（2040601）科目下无预算支出（社区矫正平台开发、劳务派遣）',
		en: 'Police bureau spending under judicial administration (2040601) without a plan line',
		rules: ['noPlan'],
		deptCode: '118',
		on: 12,
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS (ZF{year}-X0001, X0002)'
	},
	{
		id: 'unknown-function-code',
		zh: '市教育局支付使用了国家科目表中没有的功能科目 2059901',
		en: 'Education bureau payment under function code 2059901, which the national table does not have',
		rules: ['dataQuality'],
		subjectKey: 'function:2059901',
		on: 14,
		plantedIn: 'anomalies.ts PLANTED_PAYMENTS (ZF{year}-X0003)'
	},
	{
		id: 'bond-project-behind',
		zh: '老城区棚户区改造三期专项债券资金支出严重滞后（住建局政府性基金支出进度偏慢）',
		en: 'Old-town shanty renovation phase 3: special-bond money far behind (housing bureau fund spending behind)',
		rules: ['paceLag', 'q3LowExecution'],
		deptCode: '135',
		subjectKey: 'fund:project:135:ZQ{year}04',
		on: '10-01',
		plantedIn: 'debt.ts BOND_PROJECTS (34% of the plan spent by December)'
	},
	{
		id: 'revenue-behind',
		zh: '土地增值税收入进度滞后',
		en: 'Land appreciation tax behind time progress',
		rules: ['revenueLag'],
		subjectKey: 'general:10113',
		on: '03-01',
		plantedIn: 'revenue.ts'
	},
	{
		id: 'revenue-behind-deed-tax',
		zh: '契税收入进度滞后',
		en: 'Deed tax behind time progress',
		rules: ['revenueLag'],
		subjectKey: 'general:10119',
		on: '04-01',
		plantedIn: 'revenue.ts REVENUE_PLAN (78% of plan)'
	},
	{
		id: 'revenue-short-resources',
		zh: '国有资源（资产）有偿使用收入全年短收一成',
		en: 'State resource fees a tenth short of plan',
		rules: ['revenueLag'],
		subjectKey: 'general:10307',
		on: '07-01',
		plantedIn: 'revenue.ts REVENUE_PLAN (90% of plan)'
	},
	{
		id: 'land-sales-behind',
		zh: '国有土地使用权出让收入进度严重滞后（房地产下行）',
		en: 'Land sales far behind plan (the property slump)',
		rules: ['revenueLag'],
		subjectKey: 'fund:1030148',
		on: '03-01',
		plantedIn: 'revenue.ts FUND_REVENUE_PLAN (70% of plan)'
	},
	{
		id: 'over-leveraged-jttz',
		zh: '市交通投资集团资产负债率过高',
		en: 'Transport investment group over-leveraged',
		rules: ['soeLeverage'],
		subjectKey: 'JTTZ',
		on: '01-01',
		plantedIn: 'assets.ts'
	},
	{
		id: 'over-leveraged-ctjt',
		zh: '市城市建设投资集团资产负债率偏高',
		en: 'City construction investment group leverage high',
		rules: ['soeLeverage'],
		subjectKey: 'CTJT',
		on: '01-01',
		plantedIn: 'assets.ts'
	},
	{
		id: 'capital-loss',
		zh: '市文化旅游投资集团国有资本未保值',
		en: 'Culture and tourism group lost state capital',
		rules: ['capitalPreservation'],
		subjectKey: 'WLJT',
		on: '01-01',
		plantedIn: 'assets.ts'
	},
	{
		id: 'debt-ratio-yellow',
		zh: '全市政府债务率处于黄色预警区间',
		en: 'City debt ratio in the yellow band',
		rules: ['debtRatio'],
		subjectKey: 'city',
		on: '02-01',
		plantedIn: 'debt.ts (every year the debt ratio sits in the MOF yellow band)'
	},
	{
		id: 'feed-gap',
		zh: '7 月末一周数据中断',
		en: 'A week without data at the end of July',
		rules: ['feedStale'],
		on: '07-27',
		stays: false,
		plantedIn: 'anomalies.ts DEMO_FEED_GAP'
	},
	{
		id: 'split-payments',
		zh: '市交通运输局向同一养护公司一周内三笔略低于 100 万元的支付（化整为零）',
		en: 'Transport bureau: three payments just under 1 million yuan to one contractor within a week',
		rules: ['splitPayment'],
		deptCode: '139',
		subjectKey: '139:ZF{year}-Y0001',
		on: '04-13',
		plantedIn: 'planted.ts'
	},
	{
		id: 'duplicate-payment',
		zh: '部门 118 向同一咨询公司两日内重复支付 23.6 万元',
		en: 'Department 118 paid one consultancy 236,000 yuan twice within two days',
		rules: ['duplicatePayment'],
		deptCode: '118',
		subjectKey: '118:ZF{year}-Y0004',
		on: '05-22',
		plantedIn: 'planted.ts'
	},
	{
		id: 'project-over-plan',
		zh: '公路养护应急工程支出达预算的 114.8%',
		en: 'Road emergency works at 114.8% of their plan',
		rules: ['overPlan', 'largePayment'],
		deptCode: '139',
		projectCode: '2024139901',
		on: '05-18',
		plantedIn: 'planted.ts'
	}
];

/** The project this module plants over its plan: 300万 planned, 344.4万 paid (114.8%). */
const OVER_PLAN_LINE = {
	deptCode: '139',
	funcCode: '2140106',
	econCode: '31005',
	projectCode: '2024139901',
	projectName: '国省干线公路养护应急工程',
	amount: 3_000_000n * 100n
};

/** Plan lines this module adds to the demo city (pattern 'none': the regular generator does not pay them). */
export function plantedPlanLines(): DemoPlanLine[] {
	return [
		{
			...OVER_PLAN_LINE,
			profile: 'project' as LineProfile,
			pattern: 'none',
			agencyCodes: [`${OVER_PLAN_LINE.deptCode}001`],
			yearExecution: 0
		}
	];
}

type Planted = { on: string } & Omit<DemoPayment, 'id' | 'paidAt' | 'budgetKind'>;

const ROADS = {
	deptCode: '139',
	agencyCode: '139001',
	funcCode: '2140106',
	econCode: '31005',
	payType: 'direct' as const,
	payeeKind: 'org' as const
};
const CONSULT = {
	deptCode: '118',
	agencyCode: '118001',
	funcCode: '2040601',
	econCode: '30227',
	payType: 'direct' as const,
	payee: '湖北正信工程咨询有限公司',
	payeeKind: 'org' as const
};

/** The payments this module plants, ids ZF{year}-Y0001 on (MM-DDTHH:MM, Shanghai time). */
const PLANTED_PAYMENTS: Planted[] = [
	// 化整为零: three payments just under 100万 to one contractor within 6 days (291万).
	{
		...ROADS,
		on: '04-08T10:20',
		amount: '960000.00',
		payee: '市通衢路桥养护有限公司',
		purpose: '道路日常养护（一标段）'
	},
	{
		...ROADS,
		on: '04-10T15:05',
		amount: '970000.00',
		payee: '市通衢路桥养护有限公司',
		purpose: '道路日常养护（二标段）'
	},
	{
		...ROADS,
		on: '04-13T09:40',
		amount: '980000.00',
		payee: '市通衢路桥养护有限公司',
		purpose: '道路日常养护（三标段）'
	},
	// 重复支付: the same invoice paid twice, two days apart, under different voucher ids.
	{ ...CONSULT, on: '05-20T10:00', amount: '236000.00', purpose: '法律顾问服务费（第二季度）' },
	{ ...CONSULT, on: '05-22T16:30', amount: '236000.00', purpose: '法律顾问服务费（第二季度）' },
	// 超预算: the emergency works project paid 344.4万 against its 300万 plan.
	{
		...ROADS,
		projectCode: OVER_PLAN_LINE.projectCode,
		on: '03-16T11:00',
		amount: '2000000.00',
		payee: '湖北交投养护工程有限公司',
		purpose: '国省干线应急抢修工程款'
	},
	{
		...ROADS,
		projectCode: OVER_PLAN_LINE.projectCode,
		on: '05-18T11:00',
		amount: '1444000.00',
		payee: '湖北交投养护工程有限公司',
		purpose: '国省干线应急抢修工程结算款'
	}
];

/** The payments this module plants in a year, up to `through`. */
export function plantedPayments(year: number, through: string): DemoPayment[] {
	return PLANTED_PAYMENTS.map((planted, i): DemoPayment => {
		const { on, ...payment } = planted;
		return {
			id: `ZF${year}-Y${String(i + 1).padStart(4, '0')}`,
			paidAt: `${year}-${on}:00+08:00`,
			budgetKind: 'general',
			...payment
		};
	}).filter((p) => p.paidAt.slice(0, 10) <= through);
}

export {
	findingItem,
	matchPlanted,
	plantedFrom,
	shows,
	type FoundItem,
	type PlantedScore
} from './planted-match';
