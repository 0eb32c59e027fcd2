/**
 * The city's annual state-asset report (国有资产管理情况综合报告) in all four categories. Figures are
 * given for 2025 with each entity's yearly growth, so every year differs and the years chain: a
 * year's 年初国有资本权益 (openingEquity) is the year before's closing equity. Every year has two
 * over-leveraged groups (资产负债率) and one that loses state capital (保值增值率 < 100%).
 */

export interface DemoAssetReport {
	id: string;
	period: string;
	category: 'enterprise' | 'financial' | 'administrative' | 'natural';
	entityCode: string;
	entityName: string;
	figures: Record<string, string>;
}

/** The report year the demo's asset figures are written for; other years follow each entity's growth. */
const ASSET_BASE_PERIOD = 2025;

/** Enterprises, 2025 in 百万元: assets, equity, equity a year earlier, revenue, profit; assets grow by assetRate a year. */
const ENTERPRISES: [
	code: string,
	name: string,
	assets: number,
	equity: number,
	openingEquity: number,
	assetRate: number,
	revenue: number,
	profit: number
][] = [
	['CTJT', '安澜市城市建设投资集团有限公司', 52340, 14328, 13850, 0.06, 4186, 312],
	['JTTZ', '安澜市交通投资集团有限公司', 28670, 3727, 3690, 0.04, 2315, 41],
	['SWJT', '安澜市水务集团有限公司', 6420, 2568, 2510, 0.03, 1172, 96],
	['WLJT', '安澜市文化旅游投资集团有限公司', 4180, 1714, 1790, 0.02, 386, -76],
	['GZJT', '安澜市国有资本投资运营集团有限公司', 15830, 7159, 7020, 0.05, 1940, 268]
];

/** Financial enterprises the city holds: a bank's leverage is its business, not an alert (the rules judge enterprises only). */
const FINANCIAL: [code: string, name: string, assets: number, equity: number, rate: number][] = [
	['ALNS', '安澜农村商业银行股份有限公司', 61250, 4720, 0.07],
	['RZDB', '安澜市融资担保集团有限公司', 3860, 2940, 0.03]
];

/**
 * Administrative and public institutions at city level, each kind reported as one summed report
 * (行政单位 and 事业单位 apart, as the comprehensive report gives them).
 */
const INSTITUTIONS: [
	code: string,
	name: string,
	assets: number,
	liabilities: number,
	rate: number
][] = [
	['XZDW', '市本级行政单位（汇总）', 21840, 3160, 0.04],
	['SYDW', '市本级事业单位（汇总）', 47320, 9870, 0.05]
];

/** The report of the year before `year`. */
export function demoAssetReports(year: number): DemoAssetReport[] {
	const period = year - 1;
	const steps = period - ASSET_BASE_PERIOD;
	return [
		...ENTERPRISES.map((e) => enterpriseReport(e, period, steps)),
		...FINANCIAL.map((f) => financialReport(f, period, steps)),
		...INSTITUTIONS.map((i) => institutionReport(i, period, steps)),
		naturalResourcesReport(period, steps)
	];
}

/** 百万元 (0.01亿) grown by `rate` a year for `n` years, rounded: exact and the same on every machine. */
const grown = (millions: number, rate: number, n: number) => Math.round(millions * (1 + rate) ** n);
const yuan = (millions: number) => `${millions}000000.00`;

function report(
	period: number,
	category: DemoAssetReport['category'],
	code: string,
	name: string,
	figures: Record<string, string>
): DemoAssetReport {
	return {
		id: `A-${period}-${code}`,
		period: String(period),
		category,
		entityCode: code,
		entityName: name,
		figures
	};
}

function enterpriseReport(
	[code, name, a, e, oe, ra, rev, profit]: (typeof ENTERPRISES)[number],
	period: number,
	steps: number
): DemoAssetReport {
	const equityRate = e / oe - 1;
	const assets = grown(a, ra, steps);
	const equity = grown(e, equityRate, steps);
	// The year before's closing equity, computed the same way: the years chain exactly.
	const opening = steps === 0 ? oe : grown(e, equityRate, steps - 1);
	return report(period, 'enterprise', code, name, {
		totalAssets: yuan(assets),
		totalLiabilities: yuan(assets - equity),
		openingEquity: yuan(opening),
		equity: yuan(equity),
		operatingRevenue: yuan(grown(rev, ra, steps)),
		totalProfit: yuan(grown(profit, ra, steps))
	});
}

function financialReport(
	[code, name, a, e, r]: (typeof FINANCIAL)[number],
	period: number,
	steps: number
): DemoAssetReport {
	const assets = grown(a, r, steps);
	const equity = grown(e, r - 0.01, steps);
	return report(period, 'financial', code, name, {
		totalAssets: yuan(assets),
		totalLiabilities: yuan(assets - equity),
		equity: yuan(equity)
	});
}

function institutionReport(
	[code, name, a, l, r]: (typeof INSTITUTIONS)[number],
	period: number,
	steps: number
): DemoAssetReport {
	const assets = grown(a, r, steps);
	const liabilities = grown(l, r / 2, steps);
	return report(period, 'administrative', code, name, {
		totalAssets: yuan(assets),
		totalLiabilities: yuan(liabilities),
		netAssets: yuan(assets - liabilities)
	});
}

/** Natural resources in physical units: forest grows, land for construction eats a little wetland. */
function naturalResourcesReport(period: number, steps: number): DemoAssetReport {
	return report(period, 'natural', 'ZRZY', '安澜市国有自然资源资产', {
		landArea: '198600',
		landAreaUnit: '公顷',
		forestArea: String(grown(71_450, 0.008, steps)),
		forestAreaUnit: '公顷',
		wetlandArea: String(grown(18_320, -0.002, steps)),
		wetlandAreaUnit: '公顷',
		waterResources: (grown(3_462, 0.01 * ((period % 3) - 1), 1) / 100).toFixed(2),
		waterResourcesUnit: '亿立方米'
	});
}
