/**
 * The demo city (安澜市, fictional, 市本级 scale of a mid-size Hubei prefecture city): units, plan
 * lines and a year's treasury payments, generated from a fixed seed so tests can rely on them.
 * Shape follows domain.md: slow Jan–Feb, quarter-end bumps, a December peak, skewed amounts.
 */
import { functionCodes } from './classification';
import {
	departments,
	givenChars,
	orgPayees,
	surnames,
	type DepartmentSpec,
	type LineProfile
} from './demo-departments';
import { Random } from './random';

export const DEMO_SEED = 20_261_128;
export const DEMO_CITY_NAME = '安澜市';

export interface DemoUnit {
	code: string;
	name: string;
	parentCode?: string;
}

/** The budgets the demo city has: the general public budget, the government fund budget and the state capital operation budget. */
export type DemoBudgetKind = 'general' | 'fund' | 'capital';

export interface DemoPlanLine {
	/** Absent: the general public budget. */
	budgetKind?: DemoBudgetKind;
	deptCode: string;
	funcCode: string;
	econCode: string;
	projectCode?: string;
	projectName?: string;
	/** Initial plan, fen. */
	amount: bigint;
	/** Mid-year adjustment (调整预算), fen, when the line was adjusted. */
	adjusted?: bigint;
	profile: LineProfile;
	/** How the spending of this line is paid: wages monthly, goods by small payments, and so on. */
	pattern: PaymentPattern;
	/** Units that pay on this line. */
	agencyCodes: string[];
	/** Who a lump payment on this line goes to (a capital injection's enterprise); else a supplier. */
	payee?: string;
	/** Execution of the year's plan this line reaches by 31 December (1 = exactly the plan). */
	yearExecution: number;
}

export type PaymentPattern =
	'payroll' | 'goods' | 'works' | 'persons' | 'bulk' | 'lump' | 'transfer' | 'interest' | 'none';

export interface DemoPayment {
	id: string;
	paidAt: string;
	budgetKind: DemoBudgetKind;
	deptCode: string;
	agencyCode: string;
	funcCode: string;
	econCode: string;
	projectCode?: string;
	amount: string;
	payType: 'direct' | 'authorized';
	payee: string;
	payeeKind: 'org' | 'person';
	purpose: string;
}

export interface DemoCity {
	name: string;
	units: DemoUnit[];
	lines: DemoPlanLine[];
}

/** Monthly spending shapes (sum to 1): goods follow the national shape, works are back-loaded. */
const SHAPE = {
	flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((w) => w / 12),
	goods: [0.055, 0.055, 0.095, 0.08, 0.08, 0.115, 0.08, 0.07, 0.085, 0.06, 0.065, 0.16],
	works: [0.025, 0.03, 0.06, 0.075, 0.085, 0.12, 0.085, 0.085, 0.11, 0.08, 0.085, 0.16],
	transfers: [0.06, 0.06, 0.1, 0.07, 0.07, 0.1, 0.07, 0.07, 0.1, 0.07, 0.07, 0.16],
	quarterly: [0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25],
	interest: [0, 0, 0.2, 0, 0, 0.3, 0, 0, 0.2, 0, 0, 0.3],
	revenue: [0.1, 0.06, 0.08, 0.1, 0.09, 0.09, 0.09, 0.07, 0.08, 0.09, 0.07, 0.08]
};

const PROJECT_NAMES: Record<string, string[]> = {
	'2010104': ['人民代表大会会议筹备'],
	'2010108': ['人大代表履职服务平台建设', '代表联络站运行保障'],
	'2010401': ['重大项目前期研究', '国民经济和社会发展规划编制'],
	'2010607': ['预算管理一体化系统运维', '财政电子票据系统升级'],
	'2013201': ['干部教育培训专项'],
	'2013301': ['城市形象宣传推介', '新时代文明实践中心建设'],
	'2013816': ['食品安全抽检监测', '放心消费创建'],
	'2040221': ['雪亮工程视频监控扩容', '智慧警务平台建设'],
	'2050801': ['中小学教师能力提升培训'],
	'2050999': ['中小学校舍维修改造', '智慧校园建设', '学校食堂改造提升'],
	'2050305': ['产教融合实训基地建设'],
	'2060302': ['社会公益研究专项'],
	'2060702': ['科普场馆运行', '全国科普日活动'],
	'2070204': ['古城墙遗址保护修缮', '市博物馆展陈提升'],
	'2100408': ['基本公共卫生服务项目', '老年人健康体检'],
	'2110301': ['大气污染防治专项', '扬尘在线监测'],
	'2110302': ['城区黑臭水体整治', '长江入河排污口整治', '饮用水水源地保护'],
	'2110402': ['农村生活污水治理'],
	'2120501': ['城区生活垃圾清运处置', '公共厕所提档升级', '道路机械化清扫'],
	'2120303': ['城区道路提升改造', '老城区雨污分流改造', '经开区基础设施配套'],
	'2120399': ['城市排水管网改造', '海绵城市建设'],
	'2210103': ['棚户区改造配套基础设施'],
	'2210108': ['老旧小区改造'],
	'2130504': ['农村公路提档升级', '高标准农田建设', '农村饮水安全巩固提升'],
	'2130205': ['长江防护林建设', '森林防火能力提升'],
	'2130305': ['中小河流治理工程', '病险水库除险加固', '城区防洪排涝泵站建设'],
	'2140104': ['国道改线工程', '城区快速路建设', '跨江大桥引线工程'],
	'2140106': ['国省干线公路养护', '危桥改造'],
	'2200106': ['国土空间规划编制', '耕地保护与占补平衡'],
	'20306': ['人防工程维护'],
	'2010350': ['机关办公用房维修', '政务信息化平台建设'],
	'2010301': ['专项工作经费']
};

const funcName = new Map(functionCodes.map((c) => [c.code, c.name]));

/** Splits a department's plan into lines by function 项, economic class and project. */
export function buildDemoCity(year: number, seed = DEMO_SEED): DemoCity {
	const rng = new Random(seed).fork(year);
	const units: DemoUnit[] = [];
	const lines: DemoPlanLine[] = [];
	for (const dept of departments) {
		const r = rng.fork(Number(dept.code));
		units.push({ code: dept.code, name: dept.name });
		const office = `${dept.code}001`;
		const unitCodes = [office];
		units.push({ code: office, name: `${dept.name}（本级）`, parentCode: dept.code });
		(dept.units ?? []).forEach((name, i) => {
			const code = `${dept.code}${String(i + 2).padStart(3, '0')}`;
			units.push({ code, name, parentCode: dept.code });
			unitCodes.push(code);
		});
		// Execution of the year's plan this department reaches by year end: mostly near 100%,
		// a few departments lag (their works are late), which the alert rules should find.
		const deptExecution = DEPT_EXECUTION[dept.code] ?? clamp(0.985 + 0.05 * r.normal(), 0.9, 1.06);
		lines.push(...departmentLines(dept, year, unitCodes, deptExecution, r));
	}
	lines.push(
		...ANOMALY_LINES.map((l) => ({
			...l,
			profile: 'project' as LineProfile,
			agencyCodes: [`${l.deptCode}001`],
			yearExecution: 0
		}))
	);
	// The other budgets last: the general budget's lines keep their index, hence their random streams.
	lines.push(...otherBudgetLines(year, rng.fork(2)));
	return { name: DEMO_CITY_NAME, units, lines };
}

/**
 * The government fund budget (政府性基金预算) of the city level: land-sale revenue spent on land
 * acquisition and city building, lottery funds, and the interest on special bonds. Land-financed
 * spending follows land sales, which lag in a property slump, so it runs behind time progress.
 * The state capital operation budget (国有资本经营预算): SOE profits put back as capital injections
 * (to the city's investment groups), retirees' social management, a little else.
 */
const OTHER_BUDGET_LINES: [
	kind: Exclude<DemoBudgetKind, 'general'>,
	dept: string,
	func: string,
	econ: string,
	wan: number,
	pattern: PaymentPattern,
	execution: number,
	projects?: string[],
	payee?: string
][] = [
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
	['capital', '150', '2239999', '302', 600, 'goods', 0.9]
];

function otherBudgetLines(year: number, r: Random): DemoPlanLine[] {
	return OTHER_BUDGET_LINES.flatMap(
		([
			budgetKind,
			deptCode,
			funcCode,
			econCode,
			amountWan,
			pattern,
			execution,
			projects,
			payee
		]) => {
			const names = projects ?? [undefined];
			return names.map((name, i) => ({
				budgetKind,
				deptCode,
				funcCode,
				econCode,
				...(name
					? {
							projectCode: `${year}${deptCode}${budgetKind === 'fund' ? 'J' : 'G'}${String(i + 1).padStart(2, '0')}`,
							projectName: `${year}年${name}`
						}
					: {}),
				amount: wan(amountWan / names.length),
				profile: (pattern === 'interest'
					? 'debt'
					: pattern === 'works' || pattern === 'lump'
						? 'project'
						: 'welfare') as LineProfile,
				pattern,
				agencyCodes: [`${deptCode}001`],
				...(payee ? { payee } : {}),
				yearExecution:
					pattern === 'interest' ? 1 : clamp(execution * (1 + 0.03 * r.normal()), 0.5, 1.1)
			}));
		}
	);
}

/**
 * Plan lines the regular generator does not pay (pattern 'none'): a project that never starts
 * (项目未执行) and one paid almost entirely in December (年底突击花钱, see demoAnomalies).
 */
const ANOMALY_LINES: Omit<DemoPlanLine, 'profile' | 'agencyCodes' | 'yearExecution'>[] = [
	{
		deptCode: '138',
		funcCode: '2130305',
		econCode: '309',
		projectCode: '138-P-IDLE',
		projectName: '城区防洪排涝泵站建设（二期）',
		amount: 800n * 1_000_000n,
		pattern: 'none'
	},
	{
		deptCode: '131',
		funcCode: '2120303',
		econCode: '310',
		projectCode: '131-P-RUSH',
		projectName: '智慧城管平台建设',
		amount: 600n * 1_000_000n,
		pattern: 'none'
	}
];

/** A week the demo feed delivers nothing (数据中断): the alert rules must notice when the system is blind. */
export const DEMO_FEED_GAP = (year: number): [string, string] => [`${year}-07-27`, `${year}-07-31`];

/** Departments that behave notably, so every alert rule has something to find in the demo. */
const DEPT_EXECUTION: Record<string, number> = {
	'138': 0.68, // 水利: works lag far behind time progress
	'133': 0.8, // 生态环境: lagging
	'124': 0.86
};

function clamp(v: number, min: number, max: number) {
	return Math.min(max, Math.max(min, v));
}

const wan = (n: number) => BigInt(Math.round(n)) * 1_000_000n;

function departmentLines(
	dept: DepartmentSpec,
	year: number,
	unitCodes: string[],
	deptExecution: number,
	r: Random
): DemoPlanLine[] {
	const out: DemoPlanLine[] = [];
	const add = (
		funcCode: string,
		econCode: string,
		amountWan: number,
		profile: LineProfile,
		pattern: PaymentPattern,
		agencies: string[],
		project?: { code: string; name: string }
	) => {
		if (amountWan < 1) return;
		out.push({
			deptCode: dept.code,
			funcCode,
			econCode,
			projectCode: project?.code,
			projectName: project?.name,
			amount: wan(amountWan),
			profile,
			pattern,
			agencyCodes: agencies,
			yearExecution:
				pattern === 'none' ? 0.05 : clamp(deptExecution * (1 + 0.03 * r.normal()), 0.5, 1.1)
		});
	};
	const isGovernmentDept = dept.code !== '190';
	// Social insurance, medical insurance and housing fund contributions of every department.
	const contributions = isGovernmentDept ? 0.11 : 0;
	if (isGovernmentDept) {
		add('2080505', '30108', dept.budget * 0.05, 'admin', 'payroll', unitCodes);
		add('2101101', '30110', dept.budget * 0.025, 'admin', 'payroll', unitCodes);
		add('2210201', '30113', dept.budget * 0.035, 'admin', 'payroll', unitCodes);
	}
	let projectSeq = 1;
	const nextProject = (funcCode: string) => {
		const names = PROJECT_NAMES[funcCode] ?? [`${funcName.get(funcCode) ?? '专项'}专项`];
		const name = names[(projectSeq - 1) % names.length];
		const code = `${year}${dept.code}${String(projectSeq++).padStart(3, '0')}`;
		return { code, name: `${year}年${name}` };
	};
	for (const [funcCode, share, profile] of dept.lines) {
		const amount = dept.budget * share * (1 - contributions);
		// Service lines pay through the department's units; admin lines through its office.
		const agencies =
			profile === 'service' && unitCodes.length > 1 ? unitCodes.slice(1) : [unitCodes[0]];
		switch (profile) {
			case 'admin':
			case 'service': {
				const wages = profile === 'service' ? 0.64 : 0.56;
				add(funcCode, '301', amount * wages, profile, 'payroll', agencies);
				add(funcCode, '302', amount * (0.93 - wages), profile, 'goods', agencies);
				add(funcCode, '303', amount * 0.02, profile, 'persons', agencies);
				add(funcCode, '310', amount * 0.035, profile, 'works', agencies);
				// 三公经费 budgets, kept small as the rules demand.
				add(funcCode, '30217', Math.max(2, amount * 0.004), profile, 'goods', agencies);
				add(funcCode, '30231', Math.max(3, amount * 0.007), profile, 'goods', agencies);
				if (r.chance(0.15))
					add(funcCode, '30212', Math.max(4, amount * 0.002), profile, 'goods', agencies);
				break;
			}
			case 'project': {
				const count = amount > 8000 ? 3 : amount > 2000 ? 2 : 1;
				for (let i = 0; i < count; i++) {
					const project = nextProject(funcCode);
					const econ = r.weighted(['30905', '31003', '30227', '30213'] as const, (e) =>
						e === '30905' ? 4 : e === '30227' ? 3 : 1.5
					);
					add(funcCode, econ.slice(0, 3), amount / count, profile, 'works', agencies, project);
				}
				break;
			}
			case 'welfare':
				add(funcCode, '303', amount * 0.75, profile, 'bulk', agencies);
				add(funcCode, '30399', amount * 0.25, profile, 'persons', agencies);
				break;
			case 'subsidy': {
				const project = nextProject(funcCode);
				add(funcCode, '312', amount, profile, 'lump', agencies, project);
				break;
			}
			case 'transfer':
				add(
					funcCode,
					funcCode.startsWith('210') ? '313' : '399',
					amount,
					profile,
					'transfer',
					agencies
				);
				break;
			case 'debt':
				add(funcCode, '307', amount, profile, 'interest', agencies);
				break;
			case 'reserve':
				add(funcCode, '399', amount, profile, 'none', agencies);
				break;
		}
	}
	return out;
}

/** A deterministic fraction of a 项's execution by month, per payment pattern. */
function shapeOf(pattern: PaymentPattern): number[] {
	switch (pattern) {
		case 'payroll':
		case 'bulk':
			return SHAPE.flat;
		case 'works':
			return SHAPE.works;
		case 'lump':
			return SHAPE.quarterly;
		case 'transfer':
			return SHAPE.transfers;
		case 'interest':
			return SHAPE.interest;
		default:
			return SHAPE.goods;
	}
}

/**
 * How a department's spending (salaries and debt service aside) leans within a given year: −0.5
 * (early) to 0.5 (late), a city-wide lean of the year plus the department's own, from their own
 * random streams, so no two years of the demo have the same curve.
 */
function yearPace(year: number, seed: number): (deptCode: string) => number {
	const rng = new Random(seed).fork(year * 13 + 5);
	const city = 0.2 * rng.normal();
	return (deptCode) => clamp(city + 0.15 * rng.fork(Number(deptCode)).normal(), -0.5, 0.5);
}

/** A monthly shape leaned by `tilt` (later months weigh up to 1 + tilt, earlier ones 1 − tilt), same total. */
function tilted(shape: number[], tilt: number): number[] {
	const leaned = shape.map((v, i) => v * (1 + (tilt * (i - 5.5)) / 5.5));
	const scale = shape.reduce((a, b) => a + b, 0) / leaned.reduce((a, b) => a + b, 0);
	return leaned.map((v) => v * scale);
}

export interface PaymentGenerationOptions {
	year: number;
	/** Generate payments up to the end of this fiscal date (YYYY-MM-DD). */
	through: string;
	seed?: number;
	idPrefix?: string;
}

/**
 * The year's payments up to `through`, in time order. Each plan line reaches its execution target
 * month by month; amounts are skewed (median a few thousand 元, a handful over 1000万 a month).
 */
export function generatePayments(city: DemoCity, options: PaymentGenerationOptions): DemoPayment[] {
	const { year, through } = options;
	const rng = new Random(options.seed ?? DEMO_SEED).fork(year * 7 + 1);
	const throughMonth = Number(through.slice(5, 7));
	const throughDay = Number(through.slice(8, 10));
	const throughYear = Number(through.slice(0, 4));
	const lastMonth = throughYear > year ? 12 : throughYear < year ? 0 : throughMonth;
	const out: (Omit<DemoPayment, 'id'> & { key: number })[] = [];
	const unitName = new Map(city.units.map((u) => [u.code, u.name]));

	const pace = yearPace(year, options.seed ?? DEMO_SEED);
	city.lines.forEach((line, lineIndex) => {
		if (line.pattern === 'none') return;
		const r = rng.fork(lineIndex);
		const shape =
			line.pattern === 'payroll' || line.pattern === 'interest'
				? shapeOf(line.pattern)
				: tilted(shapeOf(line.pattern), pace(line.deptCode));
		const yearTarget = Number(line.amount) * line.yearExecution; // fen, float only for generation
		for (let month = 1; month <= lastMonth; month++) {
			const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
			const partial = throughYear === year && month === throughMonth ? throughDay / dim : 1;
			const monthTarget = Math.round(yearTarget * shape[month - 1] * partial);
			if (monthTarget <= 0) continue;
			const maxDay = throughYear === year && month === throughMonth ? throughDay : dim;
			emitMonth(out, line, year, month, maxDay, monthTarget, r, unitName);
		}
	});
	out.sort((a, b) => a.key - b.key);
	// Each budget numbers its own payments (基金 JJ…), so the general budget's ids stay as they were.
	const prefix: Record<DemoBudgetKind, string> = {
		general: options.idPrefix ?? `ZF${year}`,
		fund: `JJ${year}`,
		capital: `GZ${year}`
	};
	const seq: Record<DemoBudgetKind, number> = { general: 0, fund: 0, capital: 0 };
	const [gapFrom, gapTo] = DEMO_FEED_GAP(year);
	return out
		.filter((p) => p.paidAt.slice(0, 10) < gapFrom || p.paidAt.slice(0, 10) > gapTo)
		.map(({ key: _key, ...p }) => ({
			id: `${prefix[p.budgetKind]}-${String(++seq[p.budgetKind]).padStart(7, '0')}`,
			...p
		}));
}

function emitMonth(
	out: (Omit<DemoPayment, 'id'> & { key: number })[],
	line: DemoPlanLine,
	year: number,
	month: number,
	maxDay: number,
	target: number,
	r: Random,
	unitName: Map<string, string>
) {
	const econOf = (): string => {
		if (line.econCode.length === 5) return line.econCode;
		switch (line.econCode) {
			case '301':
				return r.weighted(
					['30101', '30102', '30107', '30103'] as const,
					(e) => ({ '30101': 4, '30102': 3, '30107': 3, '30103': 0.5 })[e]
				);
			case '302':
				return r.weighted(GOODS_ECON, (e) => e[1])[0];
			case '303':
				return r.pick(['30305', '30399', '30302'] as const);
			case '307':
				return '30701';
			case '309':
				return r.pick(['30905', '30901', '30906'] as const);
			case '310':
				return r.pick(['31002', '31003', '31007'] as const);
			case '312':
				return r.pick(['31299', '31203', '31204'] as const);
			case '313':
				return '31302';
			default:
				return `${line.econCode}99`;
		}
	};
	const push = (
		amountFen: number,
		day: number,
		payee: string,
		payeeKind: 'org' | 'person',
		purpose: string,
		econ = econOf()
	) => {
		if (amountFen === 0) return;
		const agency = r.pick(line.agencyCodes);
		const hour = 8 + r.int(0, 8);
		const minute = r.int(0, 59);
		out.push(
			payment(
				line,
				agency,
				econ,
				moment(year, month, day, hour, minute, r.int(0, 59)),
				amountFen,
				amountFen > 50_000_000 || line.pattern === 'works' ? 'direct' : 'authorized',
				payee,
				payeeKind,
				purpose || `${unitName.get(agency) ?? ''}${line.projectName ?? ''}`
			)
		);
	};
	const days = workingDays(year, month, maxDay);
	const workDay = (from = 1) => {
		const eligible = days.filter((d) => d >= from);
		return eligible.length > 0
			? r.pick(eligible)
			: days.length > 0
				? days[days.length - 1]
				: maxDay;
	};

	switch (line.pattern) {
		case 'payroll': {
			// Payday around the 10th: one payment per unit and wage 款.
			if (maxDay < 8) return;
			const day = Math.min(maxDay, 8 + r.int(0, 4));
			const perUnit = Math.floor(target / line.agencyCodes.length);
			for (const agency of line.agencyCodes) {
				const econ = line.econCode === '301' ? ['30101', '30102', '30107'] : [line.econCode];
				let left = perUnit;
				econ.forEach((e, i) => {
					const part = i === econ.length - 1 ? left : Math.round(perUnit * (i === 0 ? 0.45 : 0.3));
					left -= part;
					out.push(
						payment(
							line,
							agency,
							e,
							moment(year, month, day, 10, r.int(0, 59), 0),
							Math.round(part / 100) * 100,
							'direct',
							e === '30108' || e === '30110'
								? '市社会保险中心'
								: e === '30113'
									? '市住房公积金管理中心'
									: `${unitName.get(agency)}（代发工资）`,
							'org',
							`${month}月${ECON_PURPOSE[e] ?? '工资福利'}`
						)
					);
				});
			}
			return;
		}
		case 'bulk': {
			if (maxDay < 5) return;
			push(
				Math.round(target / 100) * 100,
				Math.min(maxDay, 5 + r.int(0, 3)),
				'市农村商业银行（代发）',
				'org',
				`${month}月${funcName.get(line.funcCode) ?? ''}资金代发`
			);
			return;
		}
		case 'interest':
		case 'transfer':
		case 'lump': {
			let left = target;
			const parts = line.pattern !== 'interest' && target > 500_000_000 ? r.int(1, 3) : 1;
			for (let i = 0; i < parts; i++) {
				const part = i === parts - 1 ? left : Math.round((target / parts) * (0.7 + 0.6 * r.next()));
				left -= part;
				const payee =
					line.payee ??
					(line.pattern === 'interest'
						? '湖北省财政厅（债券还本付息专户）'
						: line.funcCode.startsWith('230')
							? r.pick([
									'东城区财政局',
									'西城区财政局',
									'南湖区财政局',
									'北城区财政局',
									'经济开发区财政局'
								])
							: r.pick(orgPayees));
				push(
					Math.round(part / 100) * 100,
					workDay(10),
					payee,
					'org',
					line.projectName ?? funcName.get(line.funcCode) ?? ''
				);
			}
			return;
		}
		default: {
			// goods, works and persons: many payments, skewed amounts, until the month's target.
			const [median, sigma, cap] =
				line.pattern === 'works'
					? [260_000_00, 1.1, 30_000_000_00]
					: line.pattern === 'persons'
						? [2_600_00, 0.7, 50_000_00]
						: [6_000_00, 1.3, 3_000_000_00];
			let left = target;
			let guard = 0;
			while (left > 0 && guard++ < 50_000) {
				let amount = Math.min(left, Math.max(1_00, Math.round(r.logNormal(median, sigma))), cap);
				if (left - amount < 5_00) amount = left;
				left -= amount;
				const person = line.pattern === 'persons';
				push(
					amount,
					workDay(),
					person ? personName(r) : r.pick(orgPayees),
					person ? 'person' : 'org',
					''
				);
			}
		}
	}
}

interface Moment {
	text: string;
	key: number;
}

/** A Beijing-time moment with a numeric key that sorts like the time. */
function moment(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number
): Moment {
	return {
		text: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`,
		key: (((month * 32 + day) * 24 + hour) * 60 + minute) * 60 + second
	};
}

function payment(
	line: DemoPlanLine,
	agencyCode: string,
	econCode: string,
	paidAt: Moment,
	amountFen: number,
	payType: 'direct' | 'authorized',
	payee: string,
	payeeKind: 'org' | 'person',
	purpose: string
): Omit<DemoPayment, 'id'> & { key: number } {
	return {
		key: paidAt.key,
		paidAt: paidAt.text,
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		agencyCode,
		funcCode: line.funcCode,
		econCode,
		projectCode: line.projectCode,
		amount: fenText(amountFen),
		payType,
		payee,
		payeeKind,
		purpose
	};
}

const GOODS_ECON: readonly (readonly [string, number])[] = [
	['30201', 14],
	['30202', 3],
	['30205', 2],
	['30206', 4],
	['30207', 3],
	['30209', 5],
	['30211', 9],
	['30213', 6],
	['30214', 2],
	['30215', 3],
	['30216', 4],
	['30218', 5],
	['30226', 7],
	['30227', 8],
	['30228', 2],
	['30229', 2],
	['30239', 3],
	['30299', 12]
];

const ECON_PURPOSE: Record<string, string> = {
	'30101': '基本工资',
	'30102': '津贴补贴',
	'30107': '绩效工资',
	'30108': '机关事业单位基本养老保险缴费',
	'30110': '职工基本医疗保险缴费',
	'30113': '住房公积金'
};

const SURNAMES = [...surnames];
const GIVEN = [...givenChars];
// New Year's Day and the National Day week: the treasury does not pay.
const HOLIDAYS = new Set(['01-01', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07']);
const workingDayCache = new Map<string, number[]>();

/** Working days of a month up to maxDay (weekends and fixed holidays excluded). */
function workingDays(year: number, month: number, maxDay: number): number[] {
	const key = `${year}-${month}-${maxDay}`;
	let days = workingDayCache.get(key);
	if (!days) {
		days = [];
		for (let d = 1; d <= maxDay; d++) {
			const wd = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
			if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(`${pad(month)}-${pad(d)}`)) days.push(d);
		}
		workingDayCache.set(key, days);
	}
	return days;
}

function personName(r: Random): string {
	const s = r.pick(SURNAMES);
	const g1 = r.pick(GIVEN);
	return r.chance(0.6) ? s + g1 + r.pick(GIVEN) : s + g1;
}

const pad = (n: number) => String(n).padStart(2, '0');

function fenText(fen: number): string {
	const negative = fen < 0;
	const abs = Math.abs(Math.round(fen));
	return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

/** 调整预算: the standing committee's mid-year adjustment, effective on its approval date. */
export const ADJUSTMENT_DATE = (year: number) => `${year}-08-27`;

/** Lines adjusted mid-year and by how much: works accelerated, reserve drawn down. */
export function adjustedAmount(line: DemoPlanLine): bigint | undefined {
	if (line.deptCode === '139' && line.pattern === 'works') return (line.amount * 110n) / 100n;
	if (line.deptCode === '128' && line.pattern === 'bulk') return (line.amount * 105n) / 100n;
	if (line.deptCode === '190' && line.pattern === 'none') return (line.amount * 70n) / 100n;
	return undefined;
}

/**
 * A few payments that supervision must notice: spending without a plan, an unknown 项 code, refunds
 * (negative corrections) and a very large payment. Dated in the months before `through`.
 */
export function demoAnomalies(year: number, through: string): DemoPayment[] {
	const month = Math.max(1, Number(through.slice(5, 7)) - 1);
	const at = (m: number, d: number, h = 10) =>
		`${year}-${pad(Math.min(m, month))}-${pad(d)}T${pad(h)}:15:00+08:00`;
	const all: DemoPayment[] = [
		{
			id: `ZF${year}-X0001`,
			paidAt: at(month, 12),
			budgetKind: 'general',
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
			id: `ZF${year}-X0002`,
			paidAt: at(month, 13),
			budgetKind: 'general',
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
			id: `ZF${year}-X0003`,
			paidAt: at(month, 14),
			budgetKind: 'general',
			deptCode: '122',
			agencyCode: '122003',
			funcCode: '2059999',
			econCode: '30201',
			amount: '12650.00',
			payType: 'authorized',
			payee: '市华联办公设备有限公司',
			payeeKind: 'org',
			purpose: '办公用品采购'
		},
		{
			id: `ZF${year}-X0004`,
			paidAt: at(month, 15),
			budgetKind: 'general',
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
			id: `ZF${year}-X0005`,
			paidAt: at(month, 16),
			budgetKind: 'general',
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
			id: `ZF${year}-X0006`,
			paidAt: at(month, 17),
			budgetKind: 'general',
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
			id: `ZF${year}-X0007`,
			paidAt: at(month, 18),
			budgetKind: 'general',
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
			id: `ZF${year}-X0008`,
			paidAt: `${year}-06-18T10:15:00+08:00`,
			budgetKind: 'general',
			deptCode: '131',
			agencyCode: '131001',
			funcCode: '2120303',
			econCode: '31002',
			projectCode: '131-P-RUSH',
			amount: '900000.00',
			payType: 'direct',
			payee: '湖北楚天智慧城市科技有限公司',
			payeeKind: 'org',
			purpose: '智慧城管平台建设首付款'
		},
		{
			id: `ZF${year}-X0009`,
			paidAt: `${year}-12-22T10:15:00+08:00`,
			budgetKind: 'general',
			deptCode: '131',
			agencyCode: '131001',
			funcCode: '2120303',
			econCode: '31002',
			projectCode: '131-P-RUSH',
			amount: '4700000.00',
			payType: 'direct',
			payee: '湖北楚天智慧城市科技有限公司',
			payeeKind: 'org',
			purpose: '智慧城管平台建设进度款及尾款'
		}
	];
	return all.filter((p) => p.paidAt.slice(0, 10) <= through);
}

/** 一般公共预算收入 plan by subject (万元) and how far each runs behind or ahead of its plan this year. */
const REVENUE_PLAN: [subject: string, wan: number, yearCollection: number][] = [
	['10101', 210000, 1.01],
	['10104', 72000, 0.97],
	['10106', 24000, 1.04],
	['10107', 4200, 0.99],
	['10109', 36000, 1.0],
	['10110', 18000, 1.02],
	['10111', 12000, 1.05],
	['10112', 12000, 0.98],
	['10113', 24000, 0.72], // land appreciation tax: the property slump, a revenue-lag alert
	['10119', 36000, 0.78], // deed tax: likewise
	['10121', 1800, 1.0],
	['10302', 36000, 0.95],
	['10304', 30000, 0.99],
	['10305', 24000, 1.08],
	['10307', 60000, 0.9]
];

/** 政府性基金预算收入: land sales fall well short of plan (the property slump), lottery funds hold up. */
const FUND_REVENUE_PLAN: [subject: string, wan: number, yearCollection: number][] = [
	['1030148', 420000, 0.7],
	['1030155', 5200, 0.98]
];

/** 国有资本经营预算收入: the city's groups hand over part of last year's profit and dividends. */
const CAPITAL_REVENUE_PLAN: [subject: string, wan: number, yearCollection: number][] = [
	['1030601', 23000, 1.01],
	['1030602', 5500, 0.96]
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

export function demoRevenuePlan(): DemoRevenueLine[] {
	const lines = (budgetKind: DemoBudgetKind, plan: typeof REVENUE_PLAN) =>
		plan.map(([subjectCode, w, yearCollection]) => ({
			budgetKind,
			subjectCode,
			amount: wan(w),
			yearCollection
		}));
	return [
		...lines('general', REVENUE_PLAN),
		...lines('fund', FUND_REVENUE_PLAN),
		...lines('capital', CAPITAL_REVENUE_PLAN)
	];
}

/** Daily treasury collections per subject on working days; taxes peak around the 15th filing day. */
export function generateRevenue(options: PaymentGenerationOptions): DemoRevenue[] {
	const { year, through } = options;
	const rng = new Random(options.seed ?? DEMO_SEED).fork(year * 11 + 3);
	const throughYear = Number(through.slice(0, 4));
	const lastMonth = throughYear > year ? 12 : throughYear < year ? 0 : Number(through.slice(5, 7));
	const out: (DemoRevenue & { key: number })[] = [];
	for (const line of demoRevenuePlan()) {
		const r = rng.fork(Number(line.subjectCode));
		const isTax = line.subjectCode.startsWith('101');
		for (let month = 1; month <= lastMonth; month++) {
			const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
			const maxDay =
				throughYear === year && month === lastMonth ? Number(through.slice(8, 10)) : dim;
			const days = workingDays(year, month, maxDay);
			const monthTarget = Number(line.amount) * line.yearCollection * SHAPE.revenue[month - 1];
			const weights = days.map(
				(d) => (isTax && d >= 10 && d <= 18 ? 4 : 1) * (0.7 + 0.6 * r.next())
			);
			const fullWeights = workingDays(year, month, dim).map((d) =>
				isTax && d >= 10 && d <= 18 ? 4 : 1
			);
			const total = fullWeights.reduce((s, w) => s + w, 0);
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
		}
	}
	out.sort((a, b) => a.key - b.key);
	// Each budget numbers its own collections, so the general budget's ids stay as they were.
	const seq: Record<DemoBudgetKind, number> = { general: 0, fund: 0, capital: 0 };
	const prefix: Record<DemoBudgetKind, string> = { general: 'SR', fund: 'JJSR', capital: 'GZSR' };
	return out.map(({ key: _key, ...r }) => ({
		...r,
		id: `${prefix[r.budgetKind]}${year}-${String(++seq[r.budgetKind]).padStart(6, '0')}`
	}));
}

/** Lines the live demo feed pays on: everyday goods, works and payments to individuals. */
export function liveFeedLines(city: DemoCity): DemoPlanLine[] {
	return city.lines.filter(
		(l) => l.pattern === 'goods' || l.pattern === 'works' || l.pattern === 'persons'
	);
}

/**
 * One realistic payment "as it happens" on a plan line, for the live demo feed: amounts skewed like
 * the year's (works large, individuals small), paid at `paidAt`.
 */
export function livePayment(
	line: DemoPlanLine,
	rng: Random,
	id: string,
	paidAt: Date,
	unitName: Map<string, string>
): DemoPayment {
	const works = line.pattern === 'works';
	const person = line.pattern === 'persons';
	const fen = Math.max(
		100,
		Math.round(rng.logNormal(works ? 180_000_00 : person ? 2_600_00 : 6_000_00, works ? 1 : 1.2))
	);
	const agency = rng.pick(line.agencyCodes);
	return {
		id,
		paidAt: paidAt.toISOString(),
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		agencyCode: agency,
		funcCode: line.funcCode,
		econCode:
			line.econCode.length === 5
				? line.econCode
				: line.econCode === '302'
					? rng.weighted(GOODS_ECON, (e) => e[1])[0]
					: `${line.econCode}99`,
		...(line.projectCode ? { projectCode: line.projectCode } : {}),
		amount: fenText(fen),
		payType: works ? 'direct' : 'authorized',
		payee: person ? '（个人）' + rng.pick(SURNAMES) + rng.pick(GIVEN) : rng.pick(orgPayees),
		payeeKind: person ? 'person' : 'org',
		purpose: `${unitName.get(agency) ?? ''}${line.projectName ?? ''}`
	};
}

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

/**
 * The city's annual state-asset report (国有资产管理情况综合报告) for the year before `year`, in all
 * four categories. Figures are given for 2025 with each entity's yearly growth, so every year differs
 * and the years chain: a year's 年初国有资本权益 (openingEquity) is the year before's closing equity.
 * Every year has two over-leveraged groups (资产负债率) and one that loses state capital (保值增值率 < 100%).
 */
export function demoAssetReports(year: number): DemoAssetReport[] {
	const period = year - 1;
	const steps = period - ASSET_BASE_PERIOD;
	/** 百万元 (0.01亿) grown by `rate` a year for `n` years, rounded: exact and the same on every machine. */
	const grown = (millions: number, rate: number, n: number) =>
		Math.round(millions * (1 + rate) ** n);
	const yuan = (millions: number) => `${millions}000000.00`;
	const report = (
		category: DemoAssetReport['category'],
		code: string,
		name: string,
		figures: Record<string, string>
	): DemoAssetReport => ({
		id: `A-${period}-${code}`,
		period: String(period),
		category,
		entityCode: code,
		entityName: name,
		figures
	});

	// Enterprises, 2025 in 百万元: assets, equity, equity a year earlier, revenue, profit; assets grow by assetRate a year.
	const enterprises: [
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
	const enterpriseReports = enterprises.map(([code, name, a, e, oe, ra, rev, profit]) => {
		const equityRate = e / oe - 1;
		const assets = grown(a, ra, steps);
		const equity = grown(e, equityRate, steps);
		// The year before's closing equity, computed the same way: the years chain exactly.
		const opening = steps === 0 ? oe : grown(e, equityRate, steps - 1);
		return report('enterprise', code, name, {
			totalAssets: yuan(assets),
			totalLiabilities: yuan(assets - equity),
			openingEquity: yuan(opening),
			equity: yuan(equity),
			operatingRevenue: yuan(grown(rev, ra, steps)),
			totalProfit: yuan(grown(profit, ra, steps))
		});
	});

	// Financial enterprises the city holds: a bank's leverage is its business, not an alert (the rules judge enterprises only).
	const financial: [code: string, name: string, assets: number, equity: number, rate: number][] = [
		['ALNS', '安澜农村商业银行股份有限公司', 61250, 4720, 0.07],
		['RZDB', '安澜市融资担保集团有限公司', 3860, 2940, 0.03]
	];
	const financialReports = financial.map(([code, name, a, e, r]) => {
		const assets = grown(a, r, steps);
		const equity = grown(e, r - 0.01, steps);
		return report('financial', code, name, {
			totalAssets: yuan(assets),
			totalLiabilities: yuan(assets - equity),
			equity: yuan(equity)
		});
	});

	// Administrative and public institutions at city level, each kind reported as one summed report
	// (行政单位 and 事业单位 apart, as the comprehensive report gives them).
	const institutions: [
		code: string,
		name: string,
		assets: number,
		liabilities: number,
		rate: number
	][] = [
		['XZDW', '市本级行政单位（汇总）', 21840, 3160, 0.04],
		['SYDW', '市本级事业单位（汇总）', 47320, 9870, 0.05]
	];
	const institutionReports = institutions.map(([code, name, a, l, r]) => {
		const assets = grown(a, r, steps);
		const liabilities = grown(l, r / 2, steps);
		return report('administrative', code, name, {
			totalAssets: yuan(assets),
			totalLiabilities: yuan(liabilities),
			netAssets: yuan(assets - liabilities)
		});
	});

	// Natural resources in physical units: forest grows, land for construction eats a little wetland.
	const natural = report('natural', 'ZRZY', '安澜市国有自然资源资产', {
		landArea: '198600',
		landAreaUnit: '公顷',
		forestArea: String(grown(71_450, 0.008, steps)),
		forestAreaUnit: '公顷',
		wetlandArea: String(grown(18_320, -0.002, steps)),
		wetlandAreaUnit: '公顷',
		waterResources: (grown(3_462, 0.01 * ((period % 3) - 1), 1) / 100).toFixed(2),
		waterResourcesUnit: '亿立方米'
	});

	return [...enterpriseReports, ...financialReports, ...institutionReports, natural];
}
