/**
 * The demo city's audit year: the findings of the audit bureau's report on last year's budget
 * execution (published in August), item by item as the 整改清单 lists them, with their state in
 * December: most rectified, some in progress, some overdue. The records are exactly what the
 * ingest worker reads from the published list (audit-sheet.ts), so dropping the sample list into
 * the worker's folder after the seed stores nothing twice.
 */
import { fenToYuan } from '../domain/money';
import type { FindingStatus, FindingType } from '../domain/rectification/status';
import { departments } from './departments';
import { Random } from './random';

export interface DemoAuditFinding {
	id: string;
	year: number;
	report: string;
	seq: number;
	unitName: string;
	category: string;
	description: string;
	/** 元, decimal string; absent for findings of management without an amount. */
	amount?: string;
	type: FindingType;
	dueDate: string;
	status: FindingStatus;
	/** When a rectified or closed finding was rectified (before its due date and before December). */
	rectifiedOn?: string;
	amountRectified?: string;
	measures?: string;
	rulesIssued?: string;
	accountability?: string;
}

/** The kinds of finding the report lists, and the ways it words a finding of each kind. */
const WORDING = {
	预算编制不够科学: [
		'年初预算编制不细化，代编预算未及时分解下达',
		'项目预算与实际需求脱节，年底大额结转'
	],
	预算执行不严格: ['无预算、超预算支出', '以拨代支，资金滞留在下级单位'],
	专项资金管理使用不规范: ['专项资金未按规定用途使用', '专项资金闲置超过一年未使用'],
	政府采购不规范: ['化整为零规避公开招标', '未按合同约定验收即支付尾款'],
	国有资产管理不规范: ['固定资产未入账，账实不符', '资产出租未经审批，租金未及时上缴'],
	违反中央八项规定精神: ['超标准列支公务接待费', '公务用车运行维护费超预算'],
	非税收入征管不到位: ['非税收入未及时足额缴入国库', '应收未收土地出让金'],
	项目建设管理不规范: ['工程结算多计工程款', '项目未批先建，超概算'],
	财政资金绩效不高: ['绩效目标设置不明确，未开展绩效评价', '项目建成后长期闲置，未发挥效益'],
	内部控制制度不健全: ['财务审批制度不健全，一人多岗', '未建立合同管理台账']
} satisfies Record<string, string[]>;
type Kind = keyof typeof WORDING;
const KINDS = Object.keys(WORDING) as Kind[];

/** The range (万元) of the amount a finding of each kind involves; findings of management, none. */
const AMOUNT_WAN: Record<Kind, [number, number] | null> = {
	预算编制不够科学: [50, 3000],
	预算执行不严格: [20, 2000],
	专项资金管理使用不规范: [30, 5000],
	政府采购不规范: [10, 800],
	国有资产管理不规范: [5, 1500],
	违反中央八项规定精神: [1, 60],
	非税收入征管不到位: [20, 2500],
	项目建设管理不规范: [100, 8000],
	财政资金绩效不高: null,
	内部控制制度不健全: null
};

const MEASURES = [
	'已追回资金并缴入国库',
	'已调整账务，补办审批手续',
	'已收回闲置资金统筹使用',
	'已完成资产清查并登记入账',
	'已督促相关单位限期整改'
];
const RULES = [
	'修订《财务管理办法》',
	'出台《专项资金管理细则》',
	'建立合同管理台账制度',
	'完善政府采购内控制度'
];
const ACCOUNTABILITY = ['对相关责任人诫勉谈话', '对相关责任人通报批评', '移交纪检监察机关处理'];

/** The report's title as the audit bureau publishes it; it names the audit year. */
export function demoAuditReport(auditYear: number): string {
	return `安澜市${auditYear}年度市级预算执行和其他财政收支审计查出问题整改清单`;
}

/** Departments the audit looked at (24 of them): every third of the city's list, from the second. */
function auditedUnits(): string[] {
	return departments
		.filter((_, i) => i % 3 === 1)
		.slice(0, 24)
		.map((d) => d.name);
}

/**
 * The findings of the audit of `year − 1`, reported in `year`: 56 findings over 24 units. Due
 * dates are 30 September (立行立改), 30 November or next June (分阶段), next December (持续).
 */
export function demoAuditFindings(year: number, seed = 20_260_806): DemoAuditFinding[] {
	const rnd = new Random(seed + year);
	const auditYear = year - 1;
	const report = demoAuditReport(auditYear);
	const units = auditedUnits();
	const out: DemoAuditFinding[] = [];
	for (let seq = 1; seq <= 56; seq++) {
		const unitName = seq <= units.length ? units[seq - 1] : rnd.pick(units);
		const kind = rnd.pick(KINDS);
		const type: FindingType = rnd.weighted(['immediate', 'staged', 'ongoing'] as const, (t) =>
			t === 'immediate' ? 5 : t === 'staged' ? 3 : 1
		);
		const dueDate =
			type === 'immediate'
				? `${year}-09-30`
				: type === 'staged'
					? rnd.next() < 0.6
						? `${year}-11-30`
						: `${year + 1}-06-30`
					: `${year + 1}-12-31`;
		const status = rnd.weighted(['open', 'partial', 'done', 'closed'] as const, (s) =>
			s === 'open' ? 1.2 : s === 'partial' ? 2 : s === 'done' ? 4 : 2.5
		);
		// Whole 元 (four decimals in 万元, as lists print them), skewed toward small amounts.
		let amountFen: bigint | undefined;
		const range = AMOUNT_WAN[kind];
		if (range) {
			const [lo, hi] = range;
			const wan = lo * Math.pow(hi / lo, rnd.next() ** 1.6);
			amountFen = BigInt(Math.round(wan * 10_000)) * 100n;
		}
		const rectifiedFen =
			amountFen === undefined
				? undefined
				: status === 'done' || status === 'closed'
					? amountFen
					: status === 'partial'
						? ((amountFen * BigInt(rnd.int(20, 80))) / 10_000n) * 100n
						: 0n;
		const done = status !== 'open';
		out.push({
			id: `SJ${auditYear}-${String(seq).padStart(3, '0')}`,
			year: auditYear,
			report,
			seq,
			unitName,
			category: kind,
			description: rnd.pick(WORDING[kind]),
			amount: amountFen === undefined ? undefined : fenToYuan(amountFen),
			type,
			dueDate,
			status,
			rectifiedOn:
				status === 'done' || status === 'closed' ? rectifiedOn(dueDate, year, seq) : undefined,
			amountRectified: rectifiedFen === undefined ? undefined : fenToYuan(rectifiedFen),
			measures: done ? rnd.pick(MEASURES) : undefined,
			rulesIssued: done && rnd.next() < 0.4 ? rnd.pick(RULES) : undefined,
			accountability: done && rnd.next() < 0.25 ? rnd.pick(ACCOUNTABILITY) : undefined
		});
	}
	return out;
}

/** A day some weeks before the due date (and before December of `year`), spread by the finding's number. */
function rectifiedOn(dueDate: string, year: number, seq: number): string {
	const latest = dueDate < `${year}-11-30` ? dueDate : `${year}-11-30`;
	const days = 5 + ((seq * 37) % 80);
	return new Date(Date.parse(`${latest}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The findings as `audit` records (what the worker sends for the published list). */
export function demoAuditRecords(year: number): Record<string, unknown>[] {
	return demoAuditFindings(year).map(({ seq, ...f }) => {
		void seq;
		return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
	});
}
