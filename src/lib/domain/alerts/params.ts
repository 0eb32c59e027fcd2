/**
 * The rule catalogue's thresholds as typed data: one zod schema per rule type, the defaults of
 * domain.md, and how a scope override (department, function code, project) is merged over them.
 * Percentages and percentage points are decimal strings ("15", "12.5"), money decimal strings in 元.
 */
import { z } from 'zod';
import { isFiscalDate } from '../calendar';
import type { Profile } from './profiles';

export const ALERT_LEVELS = ['notice', 'warning', 'severe'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const RULE_TYPES = [
	'paceLag',
	'q3LowExecution',
	'yearEndRush',
	'overPlan',
	'noPlan',
	'threePublic',
	'largePayment',
	'splitPayment',
	'duplicatePayment',
	'projectIdle',
	'revenueLag',
	'soeLeverage',
	'capitalPreservation',
	'auditOverdue',
	'debtRatio',
	'debtService',
	'feedStale',
	'dataQuality'
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const SCOPE_KINDS = ['department', 'function', 'project'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

const decimal = (what: string) =>
	z
		.string()
		.regex(
			/^\d{1,6}(\.\d{1,4})?$/,
			`must be a non-negative number with at most 4 decimals (${what})`
		);
const yuan = z
	.string()
	.regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be an amount in 元 with at most 2 decimals');
const level = z.enum(ALERT_LEVELS, { error: 'must be notice, warning or severe' });
/** A calendar date that exists, YYYY-MM-DD. */
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
	.refine(isFiscalDate, 'must be a date that exists');

function ascending(t: { notice: string; warning: string; severe: string }): boolean {
	const [a, b, c] = [Number(t.notice), Number(t.warning), Number(t.severe)];
	return a <= b && b <= c;
}
const levels = (what: string) =>
	z
		.object({ notice: decimal(what), warning: decimal(what), severe: decimal(what) })
		.refine(ascending, {
			message: 'thresholds must not decrease from notice to warning to severe'
		});
const moneyLevels = z
	.object({ notice: yuan, warning: yuan, severe: yuan })
	.refine(ascending, { message: 'thresholds must not decrease from notice to warning to severe' });

export const ruleParamsSchemas = {
	/** 支出进度偏慢: time progress − execution rate (pp), from `fromMonth`, plans of at least `minPlan`. */
	paceLag: z.object({
		thresholds: levels('percentage points'),
		fromMonth: z.number().int().min(1).max(12),
		minPlan: yuan
	}),
	/** After `fromDate` (MM-DD): rate below `rateBelow`% and an unspent balance over the thresholds. */
	q3LowExecution: z.object({
		rateBelow: decimal('percent'),
		fromDate: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD'),
		thresholds: moneyLevels
	}),
	/** 年底突击花钱: December's share of the year's spending; severe on the Jan–Nov / December pattern. */
	yearEndRush: z.object({
		notice: decimal('percent'),
		warning: decimal('percent'),
		patternBeforeBelow: decimal('percent'),
		patternDecemberAbove: decimal('percent'),
		minPlan: yuan
	}),
	/** 超预算: cumulative execution of a department × function line against its available plan (%). */
	overPlan: z.object({ thresholds: levels('percent') }),
	/** 无预算支出: spending on a department × function line no plan line covers. */
	noPlan: z.object({ level, minAmount: yuan }),
	/** 三公经费: a department's execution of the 三公 款 against their budget (%). */
	threePublic: z.object({
		thresholds: levels('percent'),
		econCodes: z
			.array(z.string().regex(/^\d{3,5}$/, 'must be an economic code of 3 or 5 digits'))
			.min(1)
	}),
	/** 大额支付: one payment of at least the amount. */
	largePayment: z.object({ thresholds: moneyLevels }),
	/**
	 * 化整为零: one unit's payments to one payee within `windowDays` fiscal days, each under the notice
	 * threshold and at least `nearShare`% of it, whose sum reaches a level's threshold.
	 */
	splitPayment: z.object({
		thresholds: moneyLevels,
		windowDays: z.number().int().min(2).max(31),
		nearShare: decimal('percent')
	}),
	/** 重复支付: one unit, one payee, the same amount within `withinDays` fiscal days under different ids. */
	duplicatePayment: z.object({
		withinDays: z.number().int().min(1).max(31),
		level,
		minAmount: yuan
	}),
	/** 项目未执行: a planned project with no payment in the last `days` days. */
	projectIdle: z.object({ days: z.number().int().min(7).max(366), level, minPlan: yuan }),
	/** 收入进度: time progress − collection rate (pp), per revenue subject with a plan. */
	revenueLag: z.object({
		thresholds: levels('percentage points'),
		fromMonth: z.number().int().min(1).max(12)
	}),
	/** 资产负债率 of an enterprise (%). */
	soeLeverage: z.object({ thresholds: levels('percent') }),
	/** 国有资本保值增值率 below `below`%. */
	capitalPreservation: z.object({ below: decimal('percent'), level }),
	/**
	 * 审计整改逾期: a finding not rectified after its due date; `thresholds` in days late, raised to
	 * warning or severe by its amount involved (元).
	 */
	auditOverdue: z
		.object({ thresholds: levels('days late'), warningAmount: yuan, severeAmount: yuan })
		.refine((p) => Number(p.warningAmount) <= Number(p.severeAmount), {
			message: 'severeAmount must not be below warningAmount'
		}),
	/** 债务率: debt balance / 综合财力 (%). */
	debtRatio: z.object({ thresholds: levels('percent') }),
	/** Debt service behind the repayment schedule: unpaid share of what was due so far (%). */
	debtService: z.object({ thresholds: levels('percent') }),
	/** 数据中断: working hours without a record from the feed. */
	feedStale: z.object({
		thresholds: levels('working hours'),
		workdayStartHour: z.number().int().min(0).max(23),
		workdayEndHour: z.number().int().min(1).max(24),
		/** Public holidays on weekdays (not working days), as the State Council publishes them each year. */
		holidays: z.array(isoDate).max(400).default([]),
		/** Weekend days that are working days (调休). */
		workdays: z.array(isoDate).max(400).default([])
	}),
	/** Unknown codes or units are a notice; quarantined records a notice, from `warningRecords` a warning. */
	dataQuality: z.object({ warningRecords: z.number().int().min(1) })
} satisfies Record<RuleType, z.ZodType>;

export type RuleParams = { [K in RuleType]: z.output<(typeof ruleParamsSchemas)[K]> };

/** Defaults from domain.md ("Alert rules and default thresholds"). */
export const DEFAULT_PARAMS: RuleParams = {
	paceLag: {
		thresholds: { notice: '5', warning: '10', severe: '15' },
		fromMonth: 3,
		minPlan: '500000'
	},
	q3LowExecution: {
		rateBelow: '60',
		fromDate: '09-30',
		thresholds: { notice: '2000000', warning: '5000000', severe: '10000000' }
	},
	yearEndRush: {
		notice: '25',
		warning: '35',
		patternBeforeBelow: '50',
		patternDecemberAbove: '50',
		minPlan: '500000'
	},
	overPlan: { thresholds: { notice: '95', warning: '100', severe: '110' } },
	noPlan: { level: 'warning', minAmount: '0' },
	threePublic: {
		thresholds: { notice: '90', warning: '100', severe: '110' },
		econCodes: ['30212', '30217', '30231', '31013']
	},
	largePayment: { thresholds: { notice: '1000000', warning: '5000000', severe: '50000000' } },
	splitPayment: {
		thresholds: { notice: '1000000', warning: '5000000', severe: '50000000' },
		windowDays: 7,
		nearShare: '80'
	},
	duplicatePayment: { withinDays: 3, level: 'warning', minAmount: '10000' },
	projectIdle: { days: 92, level: 'notice', minPlan: '0' },
	revenueLag: { thresholds: { notice: '5', warning: '10', severe: '15' }, fromMonth: 3 },
	soeLeverage: { thresholds: { notice: '65', warning: '70', severe: '85' } },
	capitalPreservation: { below: '100', level: 'warning' },
	auditOverdue: {
		thresholds: { notice: '1', warning: '30', severe: '90' },
		warningAmount: '1000000',
		severeAmount: '10000000'
	},
	debtRatio: { thresholds: { notice: '100', warning: '120', severe: '200' } },
	debtService: { thresholds: { notice: '5', warning: '10', severe: '20' } },
	feedStale: {
		thresholds: { notice: '4', warning: '24', severe: '72' },
		workdayStartHour: 9,
		workdayEndHour: 17,
		holidays: [],
		workdays: []
	},
	dataQuality: { warningRecords: 100 }
};

/** Which scopes a rule's subjects have, so an override can only be set where it can apply. */
export const RULE_SCOPES: Record<RuleType, readonly ScopeKind[]> = {
	paceLag: ['department', 'function', 'project'],
	q3LowExecution: ['department'],
	yearEndRush: ['department'],
	overPlan: ['department', 'function'],
	noPlan: ['department', 'function'],
	threePublic: ['department'],
	largePayment: ['department', 'function', 'project'],
	splitPayment: ['department'],
	duplicatePayment: ['department'],
	projectIdle: ['department', 'project'],
	revenueLag: [],
	soeLeverage: [],
	capitalPreservation: [],
	auditOverdue: ['department'],
	debtRatio: [],
	debtService: [],
	feedStale: [],
	dataQuality: []
};

export function isRuleType(value: string): value is RuleType {
	return (RULE_TYPES as readonly string[]).includes(value);
}

export type ParseResult<T> = { ok: true; params: T } | { ok: false; error: string };

/** Validates full params of a rule; the error names the field. */
export function parseRuleParams<K extends RuleType>(
	type: K,
	input: unknown
): ParseResult<RuleParams[K]> {
	const result = ruleParamsSchemas[type].safeParse(input);
	if (result.success) return { ok: true, params: result.data as RuleParams[K] };
	const issue = result.error.issues[0];
	return { ok: false, error: `${issue.path.join('.') || 'params'}: ${issue.message}` };
}

/** An override keeps only the top-level fields it changes; merged over the defaults it must still be valid. */
export function mergeParams<K extends RuleType>(
	type: K,
	base: RuleParams[K],
	override: Partial<RuleParams[K]> | undefined
): RuleParams[K] {
	if (!override) return base;
	return { ...base, ...override };
}

export interface Override<P = unknown> {
	scopeKind: ScopeKind;
	scopeCode: string;
	params: P;
}

export interface SubjectScope {
	deptCode?: string;
	funcCode?: string;
	projectCode?: string;
}

/**
 * The override that applies to a subject: a project's first, then its department's, then the
 * longest function code that is a prefix of its function code.
 */
export function applicableOverride<P>(
	overrides: readonly Override<P>[],
	subject: SubjectScope
): Override<P> | undefined {
	let best: Override<P> | undefined;
	let rank = -1;
	for (const o of overrides) {
		let r = -1;
		if (o.scopeKind === 'project' && subject.projectCode && o.scopeCode === subject.projectCode)
			r = 1000;
		else if (o.scopeKind === 'department' && subject.deptCode && o.scopeCode === subject.deptCode)
			r = 500;
		else if (
			o.scopeKind === 'function' &&
			subject.funcCode &&
			subject.funcCode.startsWith(o.scopeCode)
		)
			r = o.scopeCode.length;
		if (r > rank) {
			best = o;
			rank = r;
		}
	}
	return best;
}

/** The params a subject is judged by: defaults with the applicable override merged in. */
export function paramsFor<K extends RuleType>(
	type: K,
	defaults: RuleParams[K],
	overrides: readonly Override<Partial<RuleParams[K]>>[],
	subject: SubjectScope
): RuleParams[K] {
	return mergeParams(type, defaults, applicableOverride(overrides, subject)?.params);
}

/** A rule's configuration as evaluated: whether it runs, its defaults and its scope overrides. */
export interface RuleSetting<K extends RuleType = RuleType> {
	type: K;
	enabled: boolean;
	params: RuleParams[K];
	overrides: Override<Partial<RuleParams[K]>>[];
	/** Subject profiles per code prefix (profiles.ts); none when absent. */
	profiles?: Profile<K>[];
}

export type RuleSettings = { [K in RuleType]: RuleSetting<K> };
