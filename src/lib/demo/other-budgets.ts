/**
 * The government fund budget (政府性基金预算) of the city level: land-sale revenue spent on land
 * acquisition and city building, lottery funds, and the interest on special bonds. Land-financed
 * spending follows land sales, which lag in a property slump, so it runs behind time progress.
 * The state capital operation budget (国有资本经营预算): SOE profits put back as capital injections
 * (to the city's investment groups), retirees' social management, a little else.
 * The social insurance fund budget (社会保险基金预算, expenditure under 209): pensions of public
 * employees paid through a bank each month, unemployment and work-injury benefits to persons, and
 * the medical insurance funds' settlements with hospitals and the critical-illness insurer.
 */
import type { LineProfile } from './departments';
import { clamp, wan } from './numbers';
import type { DemoBudgetKind, DemoPlanLine, PaymentPattern } from './plan-lines';
import type { Random } from './random';

type OtherBudgetLine = [
	kind: Exclude<DemoBudgetKind, 'general'>,
	dept: string,
	func: string,
	econ: string,
	wan: number,
	pattern: PaymentPattern,
	execution: number,
	projects?: string[],
	payee?: string
];

const OTHER_BUDGET_LINES: OtherBudgetLine[] = [
	[
		'fund',
		'141',
		'2120801',
		'399',
		168000,
		'works',
		0.82,
		['中心城区片区征收补偿', '临港新区土地收储']
	],
	[
		'fund',
		'135',
		'2120803',
		'309',
		142000,
		'works',
		0.88,
		['城市更新片区基础设施配套', '滨江大道综合改造', '老城区道路微循环改造']
	],
	['fund', '136', '2120804', '309', 26000, 'works', 0.93, ['美丽乡村基础设施提升']],
	['fund', '106', '2320411', '307', 38000, 'interest', 1],
	['fund', '128', '2296002', '303', 3200, 'bulk', 0.97],
	['fund', '126', '2296003', '302', 1600, 'goods', 0.95],
	[
		'capital',
		'150',
		'2230201',
		'31201',
		16000,
		'lump',
		0.92,
		['城投集团城市更新资本金注入'],
		'安澜市城市建设投资集团有限公司'
	],
	[
		'capital',
		'150',
		'2230203',
		'31201',
		9000,
		'lump',
		0.8,
		['新兴产业投资基金出资'],
		'安澜市国有资本投资运营集团有限公司'
	],
	['capital', '150', '2230105', '303', 2400, 'bulk', 1],
	['capital', '150', '2239999', '302', 600, 'goods', 0.9],
	['social', '108', '2091001', '303', 186000, 'bulk', 0.99],
	['social', '108', '2090201', '303', 9000, 'persons', 0.95],
	['social', '108', '2090207', '303', 1500, 'persons', 0.8],
	['social', '108', '2090401', '303', 8000, 'persons', 0.97],
	['social', '131', '2090301', '399', 152000, 'transfer', 0.98, undefined, '市中心医院'],
	['social', '131', '2090302', '303', 41000, 'bulk', 1],
	['social', '131', '2091101', '399', 208000, 'transfer', 0.97, undefined, '市第一人民医院'],
	[
		'social',
		'131',
		'2091102',
		'399',
		18000,
		'transfer',
		0.9,
		undefined,
		'中国人寿保险股份有限公司安澜分公司'
	]
];

/** The fund and capital budgets' lines; a row with projects becomes one line per project. */
export function otherBudgetLines(year: number, r: Random): DemoPlanLine[] {
	return OTHER_BUDGET_LINES.flatMap((row) => {
		const names = row[7] ?? [undefined];
		return names.map((name, i) => otherBudgetLine(row, year, name, i, names.length, r));
	});
}

function otherBudgetLine(
	[
		budgetKind,
		deptCode,
		funcCode,
		econCode,
		amountWan,
		pattern,
		execution,
		,
		payee
	]: OtherBudgetLine,
	year: number,
	projectName: string | undefined,
	index: number,
	count: number,
	r: Random
): DemoPlanLine {
	const letter = { fund: 'J', capital: 'G', social: 'S' }[budgetKind];
	return {
		budgetKind,
		deptCode,
		funcCode,
		econCode,
		...(projectName
			? {
					projectCode: `${year}${deptCode}${letter}${String(index + 1).padStart(2, '0')}`,
					projectName: `${year}年${projectName}`
				}
			: {}),
		amount: wan(amountWan / count),
		profile: profileOf(pattern),
		pattern,
		agencyCodes: [`${deptCode}001`],
		...(payee ? { payee } : {}),
		// Interest follows the bond schedule to the fen; other lines end within their plan.
		yearExecution:
			pattern === 'interest' ? 1 : clamp(execution * (1 + 0.03 * r.normal()), 0.5, 0.995)
	};
}

function profileOf(pattern: PaymentPattern): LineProfile {
	return pattern === 'interest'
		? 'debt'
		: pattern === 'works' || pattern === 'lump'
			? 'project'
			: 'welfare';
}
