/**
 * What every alert carries to say why it fired: the rule, the scope, the inputs, the formula, the
 * threshold crossed and a one-line summary — each text in Chinese and English, numbers as exact
 * decimal strings so the UI can render either language without recomputing anything.
 */
import { formatIn, unitFor, yuanToFen } from '../money';
import type { AlertLevel } from './params';

export interface Localized {
	zh: string;
	en: string;
}

/** pp = percentage points; percent = %; yuan = 元; hours = working hours; count; days; date. */
export type ExplanationUnit =
	'pp' | 'percent' | 'yuan' | 'hours' | 'count' | 'days' | 'date' | 'text';

export interface ExplanationInput {
	label: Localized;
	/** Exact decimal string (or a date / text for those units). */
	value: string;
	unit: ExplanationUnit;
	/** A text value that is a label, in each language (`value` then holds its Chinese). */
	text?: Localized;
}

export interface Explanation {
	ruleLabel: Localized;
	scopeLabel: Localized;
	inputs: ExplanationInput[];
	formula: Localized;
	threshold: { level: AlertLevel; value: string; unit: ExplanationUnit; measure?: Localized };
	summary: Localized;
}

/** What a pure rule returns for one subject: null when nothing is wrong. */
export type Verdict = { level: AlertLevel; explanation: Explanation } | null;

export const LEVEL_LABEL: Record<AlertLevel, Localized> = {
	notice: { zh: '提示', en: 'notice' },
	warning: { zh: '预警', en: 'warning' },
	severe: { zh: '严重', en: 'severe' }
};

export const RULE_LABEL: Record<string, Localized> = {
	paceLag: { zh: '支出进度偏慢', en: 'Spending behind time progress' },
	q3LowExecution: { zh: '三季度末执行偏低', en: 'Low execution after Q3' },
	yearEndRush: { zh: '年底突击花钱', en: 'Year-end spending rush' },
	overPlan: { zh: '超预算', en: 'Over plan' },
	noPlan: { zh: '无预算支出', en: 'Spending without a plan' },
	threePublic: { zh: '三公经费', en: '"Three public" expenses' },
	largePayment: { zh: '大额支付', en: 'Large payment' },
	splitPayment: { zh: '化整为零', en: 'Split payments' },
	duplicatePayment: { zh: '重复支付', en: 'Duplicate payment' },
	projectIdle: { zh: '项目未执行', en: 'Project idle' },
	revenueLag: { zh: '收入进度偏慢', en: 'Revenue behind time progress' },
	soeLeverage: { zh: '资产负债率', en: 'SOE leverage' },
	capitalPreservation: { zh: '国有资本保值增值率', en: 'Capital preservation' },
	auditOverdue: { zh: '审计整改逾期', en: 'Audit finding overdue' },
	debtRatio: { zh: '债务率', en: 'Debt ratio' },
	debtService: { zh: '债务还本付息', en: 'Debt service behind schedule' },
	feedStale: { zh: '数据中断', en: 'Feed stale' },
	dataQuality: { zh: '数据质量', en: 'Data quality' }
};

const UNIT_TEXT: Record<ExplanationUnit, Localized> = {
	pp: { zh: ' 个百分点', en: ' pp' },
	percent: { zh: '%', en: '%' },
	yuan: { zh: ' 元', en: ' yuan' },
	hours: { zh: ' 个工作小时', en: ' working hours' },
	count: { zh: ' 条', en: '' },
	days: { zh: ' 天', en: ' days' },
	date: { zh: '', en: '' },
	text: { zh: '', en: '' }
};

/** English units counted in ones, for exactly one: "1 day", not "1 days". */
export const ONE_EN: Partial<Record<ExplanationUnit, string>> = {
	days: ' day',
	hours: ' working hour'
};

/** "17.1 个百分点" / "17.1 pp": a value with its unit, for summaries (money as moneyWords says it). */
export function withUnit(value: string, unit: ExplanationUnit, lang: keyof Localized): string {
	if (unit === 'yuan') return moneyWords(value)[lang];
	if (lang === 'en' && value === '1' && ONE_EN[unit]) return `1${ONE_EN[unit]}`;
	return `${value}${UNIT_TEXT[unit][lang]}`;
}

const ZH_UNIT = { yuan: '元', wan: '万元', yi: '亿元' } as const;

/**
 * An exact 元 amount as a sentence says it, exactly rounded: "1.47 亿元" / "147.25 million yuan",
 * "350.00 万元" / "3.50 million yuan", "1,234.50 元" / "1,234.50 yuan".
 */
export function moneyWords(yuan: string): Localized {
	const fen = yuanToFen(yuan);
	const unit = unitFor(fen);
	const en = moneyInEnglish(yuan);
	return { zh: `${formatIn(fen, unit)} ${ZH_UNIT[unit]}`, en: `${en.value} ${en.unit}` };
}

/** An exact 元 amount as English writes it: in millions of yuan from a million, else in yuan. */
export function moneyInEnglish(yuan: string): { value: string; unit: 'million yuan' | 'yuan' } {
	const fen = yuanToFen(yuan);
	const abs = fen < 0n ? -fen : fen;
	// A million 元 is 10⁸ fen; formatIn's 亿 divides by 10¹⁰, so fen × 100 in 亿 is fen in millions.
	return abs >= 100_000_000n
		? { value: formatIn(fen * 100n, 'yi'), unit: 'million yuan' }
		: { value: formatIn(fen, 'yuan'), unit: 'yuan' };
}

/** The summary line: "<scope>: <facts> ≥ <level> threshold <value>" in both languages. */
export function summarize(
	scope: Localized,
	facts: Localized,
	level: AlertLevel,
	threshold: { value: string; unit: ExplanationUnit },
	comparison: '≥' | '<' | '>' | '≤' = '≥'
): Localized {
	return {
		zh: `${scope.zh}：${facts.zh} ${comparison} ${LEVEL_LABEL[level].zh}阈值 ${withUnit(threshold.value, threshold.unit, 'zh').trim()}`,
		en: `${scope.en}: ${facts.en} ${comparison} ${LEVEL_LABEL[level].en} threshold ${withUnit(threshold.value, threshold.unit, 'en').trim()}`
	};
}

/** The usual verdict: a level reached against one threshold, with the summary built from the facts. */
export function thresholdVerdict(o: {
	rule: string;
	scope: Localized;
	level: AlertLevel;
	/** `measure` names what the threshold is of, where a rule has more than one (问题金额, 逾期天数). */
	threshold: { value: string; unit: ExplanationUnit; measure?: Localized };
	inputs: ExplanationInput[];
	formula: Localized;
	facts: Localized;
	comparison?: '≥' | '<' | '>' | '≤';
}): NonNullable<Verdict> {
	return {
		level: o.level,
		explanation: {
			ruleLabel: RULE_LABEL[o.rule],
			scopeLabel: o.scope,
			inputs: o.inputs,
			formula: o.formula,
			threshold: { level: o.level, ...o.threshold },
			summary: summarize(o.scope, o.facts, o.level, o.threshold, o.comparison)
		}
	};
}
