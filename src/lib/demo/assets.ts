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
	/** Administrative reports: 行政单位 or 事业单位. */
	unitType?: 'admin' | 'institution';
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
	['GZJT', '安澜市国有资本投资运营集团有限公司', 15830, 7159, 7020, 0.05, 1940, 268],
	...moreEnterprises()
];

/**
 * The rest of the city's enterprises: second-tier groups and first-level subsidiaries, sound ones
 * (leverage 42–58%, equity growing as fast as assets), figures varied by a fixed formula per entity.
 */
function moreEnterprises(): (typeof ENTERPRISES)[number][] {
	const names = [
		['GJJT', '公交集团'],
		['RQJT', '燃气集团'],
		['RLGS', '热力有限公司'],
		['WYJT', '物业管理集团'],
		['LYJT', '旅游发展集团'],
		['NYJT', '农业发展投资集团'],
		['KJTZ', '科技投资集团'],
		['GYYQ', '工业园区开发有限公司'],
		['GKJT', '港口集团'],
		['WLGS', '现代物流集团'],
		['SPJT', '食品集团'],
		['YYJT', '医药集团'],
		['JYJT', '教育投资有限公司'],
		['TYJT', '体育产业发展有限公司'],
		['CMJT', '传媒集团'],
		['ZBJT', '招标采购有限公司'],
		['DCJT', '地产开发集团'],
		['ZFJT', '住房保障投资有限公司'],
		['HBJT', '环保集团'],
		['SLJT', '水利投资集团'],
		['NJTZ', '能源投资集团'],
		['DLGS', '电力开发有限公司'],
		['JZJT', '建筑工程集团'],
		['SZJT', '市政工程集团'],
		['LHGS', '园林绿化有限公司'],
		['QCZ', '汽车客运集团'],
		['JCGS', '机场投资有限公司'],
		['TLGS', '铁路投资有限公司'],
		['SWGS', '数字产业发展有限公司'],
		['ZSJT', '粮食储备集团'],
		['YLJT', '养老服务集团'],
		['SCGS', '农产品市场有限公司'],
		['KYJT', '矿业集团'],
		['LQGS', '林业发展有限公司'],
		['JDGS', '酒店管理有限公司']
	];
	return names.map(([code, name], i) => {
		const assets = 300 + ((i * 7919) % 2900);
		const equity = Math.round(assets * (0.42 + (i % 9) * 0.02));
		const rate = 0.02 + (i % 6) * 0.01;
		const revenue = Math.round(assets * (0.15 + (i % 7) * 0.05));
		return [
			code,
			`安澜市${name}`,
			assets,
			equity,
			Math.round(equity / (1 + rate)),
			rate,
			revenue,
			Math.round(revenue * (0.03 + (i % 4) * 0.01))
		];
	});
}

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
	rate: number,
	unitType: 'admin' | 'institution'
][] = [
	['XZDW', '市本级行政单位（汇总）', 21840, 3160, 0.04, 'admin'],
	['SYDW', '市本级事业单位（汇总）', 47320, 9870, 0.05, 'institution'],
	['XZQX', '县（市、区）行政单位（汇总）', 18620, 2740, 0.03, 'admin'],
	['SYQX', '县（市、区）事业单位（汇总）', 39480, 8120, 0.045, 'institution']
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
		totalProfit: yuan(grown(profit, ra, steps)),
		// 上缴国有资本收益: a quarter of a profit (nothing from a loss), paid the year after.
		capitalIncome: yuan(Math.max(0, Math.round(grown(profit, ra, steps - 1) / 4)))
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
	[code, name, a, l, r, unitType]: (typeof INSTITUTIONS)[number],
	period: number,
	steps: number
): DemoAssetReport {
	const assets = grown(a, r, steps);
	const liabilities = grown(l, r / 2, steps);
	return {
		...report(period, 'administrative', code, name, {
			totalAssets: yuan(assets),
			totalLiabilities: yuan(liabilities),
			netAssets: yuan(assets - liabilities)
		}),
		unitType
	};
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
