/**
 * The audit findings lists audit bureaus publish (审计整改清单), read as they are: a title row that
 * names the audit year, two header rows with merged cells (问题金额 over 万元, 整改情况 over its
 * parts), Chinese headers, amounts in 万元 or 元 as the header says, and totals rows at the end.
 * Merges are not needed: an empty top header cell above a named bottom one belongs to the top
 * header on its left. Pure; sources.ts feeds it the sheet's rows.
 */
import { createHash } from 'node:crypto';

export type AuditField =
	| 'seq'
	| 'id'
	| 'year'
	| 'report'
	| 'unitName'
	| 'unitCode'
	| 'category'
	| 'description'
	| 'amount'
	| 'amountRectified'
	| 'type'
	| 'dueDate'
	| 'rectifiedOn'
	| 'status'
	| 'measures'
	| 'rulesIssued'
	| 'accountability';

export interface AuditColumn {
	field: AuditField | null;
	header: string;
	/** Amount columns: the unit their header names (元 when it names none). */
	scale: 'yuan' | 'wan';
}

export interface AuditLayout {
	year: number | undefined;
	report: string | undefined;
	columns: AuditColumn[];
	/** Rows the header took (1 or 2). */
	headerRows: number;
}

/** Header words by field, tried in order: the more specific first (已整改金额 before 金额). */
const HEADERS: [RegExp, AuditField][] = [
	[/^序号$|^序$/, 'seq'],
	[/问题编号|^编号$/, 'id'],
	[/审计年度|^年度$/, 'year'],
	[/单位编码|单位代码/, 'unitCode'],
	[/被审计单位|责任单位|整改单位|单位名称/, 'unitName'],
	[/已整改金额|整改金额/, 'amountRectified'],
	[/问题金额|涉及金额|金额/, 'amount'],
	[/问题类型|问题类别|问题分类/, 'category'],
	[/问题描述|问题内容|主要问题|审计发现/, 'description'],
	[/整改措施|整改举措/, 'measures'],
	[/建章立制|制度/, 'rulesIssued'],
	[/追责问责|问责|追责/, 'accountability'],
	[/整改完成时间|整改完成日期|完成时间|完成日期|销号时间|销号日期/, 'rectifiedOn'],
	[/整改期限|整改时限|完成时限|期限/, 'dueDate'],
	[/整改类型|整改方式|整改分类/, 'type'],
	[/整改情况|整改状态|整改进度|状态/, 'status'],
	[/审计报告|报告名称/, 'report']
];

const STATUS: Record<string, string> = {
	未整改: 'open',
	尚未整改: 'open',
	部分整改: 'partial',
	整改中: 'partial',
	正在整改: 'partial',
	已整改: 'done',
	已完成: 'done',
	完成整改: 'done',
	已完成整改: 'done',
	整改完成: 'done',
	销号: 'closed',
	已销号: 'closed'
};

const TYPE: Record<string, string> = {
	立行立改: 'immediate',
	立即整改: 'immediate',
	分阶段: 'staged',
	分阶段整改: 'staged',
	限期整改: 'staged',
	持续: 'ongoing',
	持续整改: 'ongoing',
	长期整改: 'ongoing'
};

const compact = (v: unknown) =>
	v === undefined || v === null ? '' : String(v).replace(/\s+/g, '');
const filled = (cells: unknown[]) => cells.filter((c) => compact(c) !== '');

/** A title row: one text cell (merged across the sheet's width). */
export function isTitleRow(cells: unknown[]): boolean {
	const f = filled(cells);
	return f.length === 1 && typeof f[0] === 'string';
}

/** The field a header names, or null. */
export function fieldOf(header: string): AuditField | null {
	const h = compact(header);
	for (const [re, field] of HEADERS) if (re.test(h)) return field;
	return null;
}

/**
 * The columns of one or two header rows; null when they are not an audit list (no unit, or no
 * description). The second row counts as a header when its first cell is no 序号 number.
 */
export function auditLayout(
	title: string | undefined,
	top: unknown[],
	second?: unknown[]
): AuditLayout | null {
	const twoRows = second !== undefined && isSecondHeader(second);
	const width = Math.max(top.length, twoRows ? second!.length : 0);
	const columns: AuditColumn[] = [];
	let group = '';
	for (let c = 0; c < width; c++) {
		const upper = compact(top[c]);
		const lower = twoRows ? compact(second![c]) : '';
		if (upper !== '') group = upper;
		const header = upper !== '' ? upper + lower : lower !== '' ? group + lower : '';
		// The part below names the field when there is one (整改情况 › 整改措施); else the top.
		const field = (lower !== '' ? (fieldOf(lower) ?? fieldOf(header)) : fieldOf(header)) ?? null;
		columns.push({ field, header, scale: /万元/.test(header) ? 'wan' : 'yuan' });
	}
	const has = (f: AuditField) => columns.some((c) => c.field === f);
	if (!has('description') || !(has('unitName') || has('unitCode'))) return null;
	const year = title ? yearOf(title) : undefined;
	return { year, report: title?.trim() || undefined, columns, headerRows: twoRows ? 2 : 1 };
}

function isSecondHeader(cells: unknown[]): boolean {
	const first = compact(cells[0]);
	if (/^\d+$/.test(first) || isTotalsRow(cells)) return false;
	const f = filled(cells);
	return f.length > 0 && f.every((c) => typeof c === 'string' && compact(c).length <= 20);
}

/** 合计 / 总计 / 小计 in one of the first cells. */
export function isTotalsRow(cells: unknown[]): boolean {
	return cells.slice(0, 4).some((c) => /^(合计|总计|小计|共计)/.test(compact(c)));
}

export function yearOf(title: string): number | undefined {
	const m = /((?:19|20)\d{2})\s*年/.exec(title);
	return m ? Number(m[1]) : undefined;
}

/** A decimal amount in the column's unit as 元: "12.5" 万元 → "125000". Text kept when it is no number. */
export function amountInYuan(v: unknown, scale: 'yuan' | 'wan'): unknown {
	let text: string;
	if (typeof v === 'number') {
		const digits = scale === 'wan' ? 6 : 2;
		const fixed = v.toFixed(digits);
		// A double's binary noise (0.30000000000000004) is not a value; more real digits are kept (and refused).
		text = Math.abs(Number(fixed) - v) <= 1e-9 * Math.max(1, Math.abs(v)) ? fixed : String(v);
	} else if (typeof v === 'string') text = v.trim().replace(/[,，\s]/g, '');
	else return v;
	if (text === '' || text === '-' || text === '—') return undefined;
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
	if (!m) return text;
	if (scale === 'yuan') return trimZeros(text);
	const frac = (m[3] ?? '').padEnd(4, '0');
	const int = BigInt(m[2] + frac.slice(0, 4)).toString();
	return trimZeros(`${m[1]}${int}${frac.length > 4 ? `.${frac.slice(4)}` : ''}`);
}

function trimZeros(text: string): string {
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A due date as YYYY-MM-DD: a date cell, 2025-12-31, 2025/12/31, 2025.12.31 or 2025年12月31日. */
export function dateOf(v: unknown): unknown {
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v !== 'string') return v;
	const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.trim());
	if (!m) return v.trim();
	return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

const mapped = (table: Record<string, string>, v: unknown) => {
	const c = compact(v);
	return table[c] ?? (c === '' ? undefined : c);
};

/**
 * One data row as an `audit` record, or why it cannot be one. The id is the list's 问题编号, else
 * the year, a digest of the title and the 序号, so sending the same list again sends the same ids.
 */
export function auditRecord(
	layout: AuditLayout,
	cells: unknown[]
): { record: Record<string, unknown>; problem?: string } {
	const r: Record<string, unknown> = { kind: 'audit' };
	layout.columns.forEach((col, i) => {
		const v = cells[i];
		if (!col.field || v === undefined || v === null || compact(v) === '') return;
		if (col.field === 'amount' || col.field === 'amountRectified')
			r[col.field] = amountInYuan(v, col.scale);
		else if (col.field === 'dueDate' || col.field === 'rectifiedOn') r[col.field] = dateOf(v);
		else if (col.field === 'status') r.status = mapped(STATUS, v);
		else if (col.field === 'type') r.type = mapped(TYPE, v);
		else r[col.field] = typeof v === 'string' ? v.trim() : v;
	});
	const year = r.year ?? layout.year;
	if (r.report === undefined && layout.report) r.report = layout.report;
	if (year !== undefined) r.year = year;
	const seq = r.seq;
	delete r.seq;
	if (r.id === undefined && seq !== undefined && year !== undefined) {
		const digest = createHash('sha256')
			.update(layout.report ?? '')
			.digest('hex')
			.slice(0, 8);
		r.id = `${year}-${digest}-${compact(seq)}`;
	}
	if (r.id === undefined)
		return {
			record: r,
			problem: '序号: missing — each finding needs its 序号 (or a 问题编号 column)'
		};
	if (year === undefined)
		return {
			record: r,
			problem: 'year: the title names no audit year (…2025年度…) and there is no 审计年度 column'
		};
	return { record: r };
}
