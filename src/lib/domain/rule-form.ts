/**
 * The threshold form of a rule, built from its params: which fields it has, in which unit staff
 * type them (money in 万元, rates in %), and reading a submitted form back into params with an
 * error per field that says what to fix. Pure; the engine validates again before it saves.
 *
 * Usage: const fields = paramFields('paceLag', params); const read = readParamsForm('paceLag', params, form);
 */

import { isFiscalDate } from './calendar';

export type FieldUnit =
	| 'pp'
	| 'percent'
	| 'wan'
	| 'hours'
	| 'days'
	| 'month'
	| 'hour'
	| 'count'
	| 'date'
	| 'level'
	| 'codes'
	| 'dates';
export type Params = Record<string, unknown>;
export const LEVEL_KEYS = ['notice', 'warning', 'severe'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

/** The unit of each rule's `thresholds`. */
const THRESHOLD_UNITS: Record<string, FieldUnit> = {
	paceLag: 'pp',
	q3LowExecution: 'wan',
	overPlan: 'percent',
	threePublic: 'percent',
	largePayment: 'wan',
	splitPayment: 'wan',
	revenueLag: 'pp',
	soeLeverage: 'percent',
	auditOverdue: 'days',
	debtRatio: 'percent',
	debtService: 'percent',
	feedStale: 'hours'
};

/** Units of the other fields, by name (the same name means the same thing in every rule). */
const FIELD_UNITS: Record<string, FieldUnit> = {
	fromMonth: 'month',
	minPlan: 'wan',
	minAmount: 'wan',
	rateBelow: 'percent',
	fromDate: 'date',
	notice: 'percent',
	warning: 'percent',
	patternBeforeBelow: 'percent',
	patternDecemberAbove: 'percent',
	below: 'percent',
	level: 'level',
	econCodes: 'codes',
	days: 'days',
	windowDays: 'days',
	withinDays: 'days',
	nearShare: 'percent',
	workdayStartHour: 'hour',
	workdayEndHour: 'hour',
	holidays: 'dates',
	workdays: 'dates',
	warningRecords: 'count',
	warningAmount: 'wan',
	severeAmount: 'wan'
};

export interface ParamField {
	/** Form field name: `thresholds.notice`, `fromMonth`. */
	name: string;
	/** The top-level param it belongs to. */
	key: string;
	/** For a level of `thresholds`: which one. */
	level?: LevelKey;
	unit: FieldUnit;
	/** As staff type it (万元 for money). */
	value: string;
}

export function fieldUnit(type: string, key: string): FieldUnit {
	if (key === 'thresholds') return THRESHOLD_UNITS[type] ?? 'count';
	return FIELD_UNITS[key] ?? 'count';
}

/** The form's fields for params, in the params' order, thresholds first. */
export function paramFields(type: string, params: Params): ParamField[] {
	const fields: ParamField[] = [];
	const keys = Object.keys(params).sort(
		(a, b) => Number(b === 'thresholds') - Number(a === 'thresholds')
	);
	for (const key of keys) {
		const value = params[key];
		if (key === 'thresholds' && value && typeof value === 'object') {
			const unit = fieldUnit(type, key);
			for (const level of LEVEL_KEYS)
				fields.push({
					name: `thresholds.${level}`,
					key,
					level,
					unit,
					value: toInput(String((value as Record<string, unknown>)[level] ?? ''), unit)
				});
			continue;
		}
		const unit = fieldUnit(type, key);
		fields.push({
			name: key,
			key,
			unit,
			value: Array.isArray(value) ? value.join(', ') : toInput(String(value ?? ''), unit)
		});
	}
	return fields;
}

/** 元 → 万元 for money fields ("5000000" → "500"); others as they are. */
export function toInput(value: string, unit: FieldUnit): string {
	if (unit !== 'wan') return value;
	const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
	if (!m) return value;
	const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
	const whole = fen / 1_000_000n;
	const frac = (fen % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
	return frac ? `${whole}.${frac}` : `${whole}`;
}

/** 万元 as typed → 元 decimal string ("12.5" → "125000"), null when not an amount. */
export function wanToYuan(text: string): string | null {
	const m = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(text.trim());
	if (!m) return null;
	const fen = BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0') || '0');
	const yuan = fen / 100n;
	const cents = fen % 100n;
	return cents === 0n ? `${yuan}` : `${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** What is wrong with a field, as a message key of the `rules` area. */
export type FieldProblem =
	| 'rules.err.required'
	| 'rules.err.number'
	| 'rules.err.amount'
	| 'rules.err.integer'
	| 'rules.err.month'
	| 'rules.err.hour'
	| 'rules.err.date'
	| 'rules.err.level'
	| 'rules.err.codes'
	| 'rules.err.dates'
	| 'rules.err.notAboveNotice'
	| 'rules.err.notAboveWarning'
	| 'rules.err.hours'
	| 'rules.err.range';

export type ReadResult =
	| { ok: true; params: Params }
	| { ok: false; errors: Record<string, FieldProblem>; values: Record<string, string> };

const DECIMAL = /^\d{1,6}(\.\d{1,4})?$/;

/**
 * Reads a submitted form into params shaped like `template` (its types say what each field is).
 * Levels must rise: notice < warning < severe (a looser order would make a level unreachable).
 */
export function readParamsForm(
	type: string,
	template: Params,
	form: { get(name: string): unknown }
): ReadResult {
	const errors: Record<string, FieldProblem> = {};
	const values: Record<string, string> = {};
	const params: Params = {};
	const text = (name: string) => {
		const v = form.get(name);
		const s = typeof v === 'string' ? v.trim().slice(0, 200) : '';
		values[name] = s;
		return s;
	};
	for (const field of paramFields(type, template)) {
		const raw = text(field.name);
		const original = field.level
			? (template.thresholds as Record<string, unknown>)[field.level]
			: template[field.key];
		const parsed = readField(field, raw, original);
		if ('problem' in parsed) {
			errors[field.name] = parsed.problem;
			continue;
		}
		if (field.level)
			params.thresholds = { ...(params.thresholds as object), [field.level]: parsed.value };
		else params[field.key] = parsed.value;
	}
	checkOrder(params.thresholds as Record<LevelKey, string> | undefined, 'thresholds.', errors);
	if (
		type === 'yearEndRush' &&
		!errors.notice &&
		!errors.warning &&
		Number(params.notice) >= Number(params.warning)
	)
		errors.warning = 'rules.err.notAboveNotice';
	if (
		type === 'feedStale' &&
		!errors.workdayStartHour &&
		!errors.workdayEndHour &&
		Number(params.workdayStartHour) >= Number(params.workdayEndHour)
	)
		errors.workdayEndHour = 'rules.err.hours';
	return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, params };
}

function checkOrder(
	t: Record<LevelKey, string> | undefined,
	prefix: string,
	errors: Record<string, FieldProblem>
) {
	if (!t) return;
	const n = (l: LevelKey) => (errors[`${prefix}${l}`] || t[l] === undefined ? null : Number(t[l]));
	const [a, b, c] = LEVEL_KEYS.map(n);
	if (a !== null && b !== null && b <= a) errors[`${prefix}warning`] = 'rules.err.notAboveNotice';
	if (b !== null && c !== null && c <= b && !errors[`${prefix}warning`])
		errors[`${prefix}severe`] = 'rules.err.notAboveWarning';
	else if (a !== null && c !== null && c <= a)
		errors[`${prefix}severe`] = 'rules.err.notAboveWarning';
}

function readField(
	field: ParamField,
	raw: string,
	original: unknown
): { value: unknown } | { problem: FieldProblem } {
	// A list of dates may be empty (no holidays entered); sorted and without repeats.
	if (field.unit === 'dates') {
		const dates = raw.split(/[\s,，、;；]+/).filter(Boolean);
		return dates.length <= 400 && dates.every(isFiscalDate)
			? { value: [...new Set(dates)].sort() }
			: { problem: 'rules.err.dates' };
	}
	if (raw === '') return { problem: 'rules.err.required' };
	switch (field.unit) {
		case 'wan': {
			const yuan = wanToYuan(raw);
			return yuan === null ? { problem: 'rules.err.amount' } : { value: yuan };
		}
		case 'month':
			return /^\d{1,2}$/.test(raw) && +raw >= 1 && +raw <= 12
				? { value: Number(raw) }
				: { problem: 'rules.err.month' };
		case 'hour':
			return /^\d{1,2}$/.test(raw) && +raw >= 0 && +raw <= 24
				? { value: Number(raw) }
				: { problem: 'rules.err.hour' };
		case 'date':
			return /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(raw)
				? { value: raw }
				: { problem: 'rules.err.date' };
		case 'level':
			return (LEVEL_KEYS as readonly string[]).includes(raw)
				? { value: raw }
				: { problem: 'rules.err.level' };
		case 'codes': {
			const codes = raw.split(/[\s,，、]+/).filter(Boolean);
			return codes.length > 0 && codes.every((c) => /^\d{3}(\d{2})?$/.test(c))
				? { value: codes }
				: { problem: 'rules.err.codes' };
		}
		default:
			if (typeof original === 'number') {
				if (!/^\d{1,6}$/.test(raw)) return { problem: 'rules.err.integer' };
				if (field.unit === 'days' && (+raw < 7 || +raw > 366))
					return { problem: 'rules.err.range' };
				if (+raw < 1) return { problem: 'rules.err.range' };
				return { value: Number(raw) };
			}
			return DECIMAL.test(raw)
				? { value: raw.replace(/^0+(?=\d)/, '') }
				: { problem: 'rules.err.number' };
	}
}

/** An override keeps only the top-level params that differ from the defaults. */
export function overrideDiff(defaults: Params, proposed: Params): Params {
	const diff: Params = {};
	for (const [k, v] of Object.entries(proposed))
		if (JSON.stringify(v) !== JSON.stringify(defaults[k])) diff[k] = v;
	return diff;
}

/**
 * A summarised field's value with its unit word as a page writes it: "50 万元", "50 10k yuan",
 * "3 days", "110%" — a space before a word (run together, "5010k yuan" read as 5,010k), none before
 * %. Code and date lists have none: their unit word is the form's input hint ("comma-separated").
 */
export function paramValueText(text: string, unit: FieldUnit, unitWord: string): string {
	if (!unitWord || unit === 'codes' || unit === 'dates') return text;
	return unitWord === '%' ? `${text}%` : `${text} ${unitWord}`;
}

/** Params as one readable line per field for history and previews: "thresholds: 5/10/15". */
export function paramsSummary(
	type: string,
	params: Params | null | undefined
): { key: string; unit: FieldUnit; text: string }[] {
	if (!params) return [];
	return Object.entries(params).map(([key, value]) => {
		const unit = fieldUnit(type, key);
		const text =
			key === 'thresholds' && value && typeof value === 'object'
				? LEVEL_KEYS.map((l) =>
						toInput(String((value as Record<string, unknown>)[l] ?? '—'), unit)
					).join(' / ')
				: Array.isArray(value)
					? value.join(', ')
					: toInput(String(value), unit);
		return { key, unit, text };
	});
}
