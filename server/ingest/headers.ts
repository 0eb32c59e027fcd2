/**
 * Column headers → contract field names. The built-in map covers the English field names and the
 * usual Chinese headers of treasury exports; staff extend it without code through a JSON file
 * (`headers.json` in the drop folder, or `--headers FILE`).
 */
import { readFileSync } from 'node:fs';
import { RECORD_KINDS, type RecordKind } from '../../src/lib/domain/records';

/** The contract's field names across all kinds, plus `kind`; a header equal to one (any case) maps to it. */
export const FIELDS = [
	'kind',
	'id',
	'code',
	'name',
	'parentCode',
	'year',
	'stage',
	'budgetKind',
	'side',
	'amount',
	'deptCode',
	'agencyCode',
	'funcCode',
	'econCode',
	'projectCode',
	'projectName',
	'subjectCode',
	'effectiveOn',
	'paidAt',
	'payType',
	'payee',
	'payeeKind',
	'purpose',
	'collectedAt',
	'period',
	'category',
	'entityCode',
	'entityName',
	'scheme',
	'nameEn'
] as const;

/** A column whose header maps to this is read and dropped (serial numbers, remarks). */
export const IGNORE = '-';

/** Usual Chinese headers. `预算单位编码` is the unit charged (deptCode); name a second unit column in headers.json. */
export const DEFAULT_HEADERS: Record<string, string> = {
	类型: 'kind',
	记录类型: 'kind',
	支付凭证号: 'id',
	凭证号: 'id',
	支付凭证编号: 'id',
	支付日期: 'paidAt',
	支付时间: 'paidAt',
	预算单位编码: 'deptCode',
	主管部门编码: 'deptCode',
	部门编码: 'deptCode',
	基层预算单位编码: 'agencyCode',
	执行单位编码: 'agencyCode',
	功能科目编码: 'funcCode',
	功能分类科目编码: 'funcCode',
	经济科目编码: 'econCode',
	部门经济科目编码: 'econCode',
	经济分类科目编码: 'econCode',
	项目编码: 'projectCode',
	项目名称: 'projectName',
	支付金额: 'amount',
	金额: 'amount',
	收款人: 'payee',
	收款人名称: 'payee',
	收款人类型: 'payeeKind',
	用途: 'purpose',
	摘要: 'purpose',
	资金用途: 'purpose',
	支付方式: 'payType',
	预算类型: 'budgetKind',
	资金性质: 'budgetKind',
	单位编码: 'code',
	单位名称: 'name',
	上级单位编码: 'parentCode',
	指标编号: 'id',
	指标文号: 'id',
	年度: 'year',
	预算年度: 'year',
	预算阶段: 'stage',
	收支类型: 'side',
	指标金额: 'amount',
	预算金额: 'amount',
	生效日期: 'effectiveOn',
	收入凭证号: 'id',
	入库日期: 'collectedAt',
	收入日期: 'collectedAt',
	收入科目编码: 'subjectCode',
	入库金额: 'amount',
	报告期: 'period',
	资产类别: 'category',
	主体编码: 'entityCode',
	主体名称: 'entityName',
	科目编码: 'code',
	科目名称: 'name',
	科目英文名称: 'nameEn',
	科目类别: 'scheme',
	科目分类: 'scheme',
	分类体系: 'scheme',
	序号: IGNORE,
	备注: IGNORE
};

/** Chinese values of enumerated fields as exports write them. */
export const DEFAULT_VALUES: Record<string, Record<string, string>> = {
	kind: {
		单位: 'unit',
		预算单位: 'unit',
		指标: 'plan',
		预算: 'plan',
		支付: 'payment',
		收入: 'revenue',
		资产: 'asset',
		科目: 'code',
		分类科目: 'code',
		审计: 'audit',
		审计整改: 'audit'
	},
	payType: { 直接支付: 'direct', 直接: 'direct', 授权支付: 'authorized', 授权: 'authorized' },
	payeeKind: { 单位: 'org', 个人: 'person' },
	budgetKind: {
		一般公共预算: 'general',
		政府性基金: 'fund',
		政府性基金预算: 'fund',
		国有资本经营: 'capital',
		国有资本经营预算: 'capital',
		社会保险基金: 'social',
		社会保险基金预算: 'social'
	},
	stage: { 年初: 'initial', 年初预算: 'initial', 调整: 'adjusted', 调整预算: 'adjusted' },
	side: { 支出: 'expenditure', 收入: 'revenue' },
	scheme: {
		支出功能分类: 'function',
		功能分类: 'function',
		部门预算支出经济分类: 'economic',
		部门经济分类: 'economic',
		经济分类: 'economic',
		政府预算支出经济分类: 'govEconomic',
		政府经济分类: 'govEconomic',
		收入分类: 'revenue',
		收入: 'revenue'
	},
	category: {
		企业: 'enterprise',
		金融: 'financial',
		行政事业: 'administrative',
		自然资源: 'natural'
	}
};

export interface HeaderMap {
	columns: Record<string, string>;
	values: Record<string, Record<string, string>>;
}

export const defaultHeaderMap = (): HeaderMap => ({
	columns: { ...DEFAULT_HEADERS },
	values: Object.fromEntries(Object.entries(DEFAULT_VALUES).map(([k, v]) => [k, { ...v }]))
});

/** Header text as compared: no BOM, no spaces, no unit suffix such as `（元）` or `(元)`. */
export function normaliseHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.replace(/\s+/g, '')
		.replace(/[（(][^）)]*[）)]$/, '');
}

/**
 * Reads a header-map file. Either `{ "columns": { "凭证编号": "id" }, "values": { "payType": { "直接": "direct" } } }`
 * or the flat form `{ "凭证编号": "id" }`. A column mapped to "-" is ignored.
 */
export function parseHeaderMapFile(text: string, origin: string): Partial<HeaderMap> {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (err) {
		throw new Error(`${origin}: not valid JSON (${(err as Error).message})`, { cause: err });
	}
	if (!json || typeof json !== 'object' || Array.isArray(json))
		throw new Error(`${origin}: must be a JSON object`);
	const obj = json as Record<string, unknown>;
	const nested = 'columns' in obj || 'values' in obj;
	const columns = (nested ? (obj.columns ?? {}) : obj) as Record<string, unknown>;
	const values = (nested ? (obj.values ?? {}) : {}) as Record<string, unknown>;
	const out: HeaderMap = { columns: {}, values: {} };
	for (const [header, field] of Object.entries(columns)) {
		if (typeof field !== 'string' || !isTarget(field))
			throw new Error(
				`${origin}: column "${header}" maps to ${JSON.stringify(field)}, which is not a field (${FIELDS.join(', ')}, figures.NAME or "-")`
			);
		out.columns[normaliseHeader(header)] = field;
	}
	for (const [field, map] of Object.entries(values)) {
		if (!map || typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string'))
			throw new Error(`${origin}: values.${field} must map texts to texts`);
		out.values[field] = map as Record<string, string>;
	}
	return out;
}

export function readHeaderMapFile(path: string): Partial<HeaderMap> {
	return parseHeaderMapFile(readFileSync(path, 'utf8'), path);
}

/** The built-in map extended (and overridden) by each given map in turn. */
export function mergeHeaderMaps(...maps: (Partial<HeaderMap> | undefined)[]): HeaderMap {
	const out = defaultHeaderMap();
	for (const m of maps) {
		if (!m) continue;
		Object.assign(out.columns, m.columns ?? {});
		for (const [field, v] of Object.entries(m.values ?? {}))
			out.values[field] = { ...(out.values[field] ?? {}), ...v };
	}
	return out;
}

function isTarget(field: string): boolean {
	return (
		field === IGNORE ||
		(FIELDS as readonly string[]).includes(field) ||
		/^figures\.[\w-]{1,60}$/.test(field)
	);
}

const FIELD_BY_LOWER = new Map(FIELDS.map((f) => [f.toLowerCase(), f as string]));

export type ColumnPlan = { ok: true; fields: (string | null)[] } | { ok: false; problem: string };

/**
 * Decides what each column is: a field name, or null (ignored). Unknown or repeated headers make the
 * whole file unreadable, with a problem staff can fix in headers.json.
 */
export function planColumns(headers: string[], map: HeaderMap): ColumnPlan {
	const fields: (string | null)[] = [];
	const unknown: string[] = [];
	const seen = new Map<string, string>();
	const repeated: string[] = [];
	headers.forEach((raw) => {
		const h = normaliseHeader(raw ?? '');
		if (h === '') return fields.push(null);
		const field =
			map.columns[h] ??
			FIELD_BY_LOWER.get(h.toLowerCase()) ??
			(/^figures\.[\w-]{1,60}$/.test(h) ? h : undefined);
		if (field === undefined) {
			unknown.push(raw);
			return fields.push(null);
		}
		if (field === IGNORE) return fields.push(null);
		const prior = seen.get(field);
		if (prior !== undefined) repeated.push(`"${prior}" and "${raw}" both mean ${field}`);
		seen.set(field, raw);
		fields.push(field);
	});
	if (fields.every((f) => f === null) && unknown.length === 0)
		return { ok: false, problem: 'the header row is empty' };
	if (unknown.length > 0)
		return {
			ok: false,
			problem: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: name the field each one holds in headers.json (e.g. {"${normaliseHeader(unknown[0])}": "amount"}, or "-" to ignore it)`
		};
	if (repeated.length > 0)
		return {
			ok: false,
			problem: `${repeated.join('; ')}: map one of them to another field or "-" in headers.json`
		};
	return { ok: true, fields };
}

/** The kind a file name announces: `payment-*.csv`, `支付*.csv`, `plans.xlsx`, `收入2026.json` … */
export function kindFromFileName(name: string): RecordKind | undefined {
	const base = name.toLowerCase().replace(/\.[a-z0-9]+$/, '');
	// English words stand alone (not inside another word); Chinese words anywhere. The first word
	// in the name decides: 2026年7月份支付数据.xlsx is payments, 预算单位名录.csv units.
	const word = (w: string) => `(?<![a-z])(?:${w})(?![a-z])`;
	const table: [RegExp, RecordKind][] = [
		[new RegExp(`${word('payments?')}|支付`), 'payment'],
		[new RegExp(`${word('plans?')}|指标|预算(?!单位)`), 'plan'],
		[new RegExp(`${word('revenues?')}|收入`), 'revenue'],
		[new RegExp(`${word('units?')}|单位`), 'unit'],
		[new RegExp(`${word('assets?')}|资产`), 'asset'],
		[new RegExp(`${word('codes?')}|科目`), 'code'],
		[new RegExp(`${word('audits?')}|审计`), 'audit']
	];
	let best: { at: number; kind: RecordKind } | undefined;
	for (const [re, kind] of table) {
		const at = base.search(re);
		if (at >= 0 && (best === undefined || at < best.at)) best = { at, kind };
	}
	return best?.kind;
}

export function isRecordKind(v: unknown): v is RecordKind {
	return typeof v === 'string' && (RECORD_KINDS as readonly string[]).includes(v);
}
