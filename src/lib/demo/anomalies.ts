/**
 * What the demo city plants for supervision to find: departments that lag, a project that never
 * starts and one rushed in December, a week without data, and a few payments that break a rule
 * (spending without a plan, an unknown 项 code, a refund, a very large payment, a 三公经费 overrun).
 */
import type { LineProfile } from './departments';
import { pad } from './numbers';
import type { DemoPayment } from './payments';
import type { DemoPlanLine } from './plan-lines';

/** Departments that behave notably, so every alert rule has something to find in the demo. */
export const LAGGING_DEPARTMENTS: Record<string, number> = {
	'138': 0.68, // 水利: works lag far behind time progress
	'133': 0.8, // 生态环境: lagging
	'124': 0.86
};

/** A week the demo feed delivers nothing (数据中断): the alert rules must notice when the system is blind. */
export const DEMO_FEED_GAP = (year: number): [string, string] => [`${year}-07-27`, `${year}-07-31`];

/**
 * Plan lines the regular generator does not pay (pattern 'none'): a project that never starts
 * (项目未执行) and one paid almost entirely in December (年底突击花钱, see demoAnomalies).
 */
const ANOMALY_LINES: Omit<DemoPlanLine, 'profile' | 'agencyCodes' | 'yearExecution'>[] = [
	{
		deptCode: '138',
		funcCode: '2130305',
		econCode: '309',
		projectCode: '2024138901',
		projectName: '城区防洪排涝泵站建设（二期）',
		amount: 800n * 1_000_000n,
		pattern: 'none'
	},
	{
		deptCode: '131',
		funcCode: '2120303',
		econCode: '310',
		projectCode: '2024131901',
		projectName: '智慧城管平台建设',
		amount: 600n * 1_000_000n,
		pattern: 'none'
	}
];

export function anomalyPlanLines(): DemoPlanLine[] {
	return ANOMALY_LINES.map((l) => ({
		...l,
		profile: 'project' as LineProfile,
		agencyCodes: [`${l.deptCode}001`],
		yearExecution: 0
	}));
}

/** A planted payment, paid `on` a day of the month before the data's last, or on a fixed date (MM-DD). */
type PlantedPayment = { on: number | string } & Omit<DemoPayment, 'id' | 'paidAt' | 'budgetKind'>;

const PLANTED_PAYMENTS: PlantedPayment[] = [
	{
		on: 12,
		deptCode: '118',
		agencyCode: '118001',
		funcCode: '2040601',
		econCode: '30227',
		amount: '386000.00',
		payType: 'direct',
		payee: '湖北正信工程咨询有限公司',
		payeeKind: 'org',
		purpose: '社区矫正信息平台委托开发'
	},
	{
		on: 13,
		deptCode: '118',
		agencyCode: '118001',
		funcCode: '2040601',
		econCode: '30226',
		amount: '42800.00',
		payType: 'authorized',
		payee: '市宏达物业服务有限公司',
		payeeKind: 'org',
		purpose: '劳务派遣费'
	},
	{
		on: 14,
		deptCode: '122',
		agencyCode: '122003',
		funcCode: '2059901', // not in the national table (20599 has only 2059999 其他教育支出)
		econCode: '30201',
		amount: '12650.00',
		payType: 'authorized',
		payee: '市华联办公设备有限公司',
		payeeKind: 'org',
		purpose: '办公用品采购'
	},
	{
		on: 15,
		deptCode: '132',
		agencyCode: '132002',
		funcCode: '2100201',
		econCode: '30218',
		amount: '-18600.00',
		payType: 'authorized',
		payee: '国药控股湖北有限公司',
		payeeKind: 'org',
		purpose: '退回多付药品款（更正）'
	},
	{
		on: 16,
		deptCode: '139',
		agencyCode: '139002',
		funcCode: '2140104',
		econCode: '30905',
		amount: '68500000.00',
		payType: 'direct',
		payee: '中铁大桥局集团有限公司',
		payeeKind: 'org',
		purpose: '跨江大桥引线工程进度款'
	},
	{
		on: 17,
		deptCode: '103',
		agencyCode: '103001',
		funcCode: '2010301',
		econCode: '30217',
		amount: '9860.00',
		payType: 'authorized',
		payee: '市宾馆有限公司',
		payeeKind: 'org',
		purpose: '公务接待费'
	},
	// 三公经费 overrun: a fleet overhaul on top of the year's car running costs.
	{
		on: 18,
		deptCode: '103',
		agencyCode: '103001',
		funcCode: '2010301',
		econCode: '30231',
		amount: '520000.00',
		payType: 'direct',
		payee: '市通达汽车维修有限公司',
		payeeKind: 'org',
		purpose: '公务用车集中维修保养'
	},
	// 年底突击花钱: the smart city-management project pays a little in June, then most of it in December.
	{
		on: '06-18',
		deptCode: '131',
		agencyCode: '131001',
		funcCode: '2120303',
		econCode: '31002',
		projectCode: '2024131901',
		amount: '900000.00',
		payType: 'direct',
		payee: '湖北楚天智慧城市科技有限公司',
		payeeKind: 'org',
		purpose: '智慧城管平台建设首付款'
	},
	{
		on: '12-22',
		deptCode: '131',
		agencyCode: '131001',
		funcCode: '2120303',
		econCode: '31002',
		projectCode: '2024131901',
		amount: '4700000.00',
		payType: 'direct',
		payee: '湖北楚天智慧城市科技有限公司',
		payeeKind: 'org',
		purpose: '智慧城管平台建设进度款及尾款'
	}
];

/**
 * A few payments that supervision must notice: spending without a plan, an unknown 项 code, refunds
 * (negative corrections) and a very large payment. Dated in the months before `through`.
 */
export function demoAnomalies(year: number, through: string): DemoPayment[] {
	const month = Math.max(1, Number(through.slice(5, 7)) - 1);
	return PLANTED_PAYMENTS.map((planted, i): DemoPayment => {
		const { on, ...payment } = planted;
		const paidOn = typeof on === 'string' ? on : `${pad(month)}-${pad(on)}`;
		return {
			id: `ZF${year}-X${String(i + 1).padStart(4, '0')}`,
			paidAt: `${year}-${paidOn}T10:15:00+08:00`,
			budgetKind: 'general',
			...payment
		};
	}).filter((p) => p.paidAt.slice(0, 10) <= through);
}
