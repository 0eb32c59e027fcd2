/**
 * An audit findings list in the layout audit bureaus publish: a title row, two header rows with
 * merged cells (问题金额 over 万元; 整改情况 over its parts), amounts in 万元, a totals row at the
 * end. The demo's sample list and the tests' lists are built here; the ingest worker reads them.
 */
import ExcelJS from 'exceljs';
import { yuanToFen } from '../domain/money';
import {
	STATUS_LABEL,
	TYPE_LABEL,
	type FindingStatus,
	type FindingType
} from '../domain/rectification/status';

/** One row as printed: amounts in 元 (decimal strings) or, for a deliberately bad row, any text. */
export interface ListRow {
	seq: number | string;
	id?: string;
	unitName: string;
	category: string;
	description: string;
	amount?: string;
	type: FindingType | string;
	dueDate: string;
	status: FindingStatus | string;
	amountRectified?: string;
	measures?: string;
	rulesIssued?: string;
	accountability?: string;
	rectifiedOn?: string;
}

/** 元 as a 万元 number cell (exact for amounts of whole 分: at most six decimals). */
function wan(yuan: string | undefined): number | string | null {
	if (yuan === undefined) return null;
	if (!/^\d+(\.\d{1,2})?$/.test(yuan)) return yuan; // a bad value stays as typed
	return Number(yuanToFen(yuan)) / 1_000_000;
}

const label = <K extends string>(table: Record<K, { zh: string }>, v: string) =>
	(table as Record<string, { zh: string }>)[v]?.zh ?? v;

function dateCell(v: string): Date | string {
	return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
}

/** The workbook of a list; `withIds` adds a 问题编号 column after 序号. */
export function auditListWorkbook(
	title: string,
	rows: ListRow[],
	withIds = false
): ExcelJS.Workbook {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('整改清单');
	const top = [
		'序号',
		...(withIds ? ['问题编号'] : []),
		'被审计单位',
		'问题类型',
		'问题描述',
		'问题金额',
		'整改类型',
		'整改期限',
		'整改情况',
		'',
		'',
		'',
		'',
		''
	];
	const second = [
		'',
		...(withIds ? [''] : []),
		'',
		'',
		'',
		'万元',
		'',
		'',
		'整改状态',
		'已整改金额（万元）',
		'整改措施',
		'建章立制',
		'追责问责',
		'完成时间'
	];
	const width = top.length;
	sheet.addRow([title]);
	sheet.mergeCells(1, 1, 1, width);
	sheet.addRow(top);
	sheet.addRow(second);
	const amountCol = top.indexOf('问题金额') + 1;
	const statusCol = top.indexOf('整改情况') + 1;
	for (let c = 1; c <= width; c++)
		if (c !== amountCol && c < statusCol) sheet.mergeCells(2, c, 3, c);
	sheet.mergeCells(2, statusCol, 2, width);
	let total = 0n;
	let totalRectified = 0n;
	for (const r of rows) {
		sheet.addRow([
			r.seq,
			...(withIds ? [r.id ?? ''] : []),
			r.unitName,
			r.category,
			r.description,
			wan(r.amount),
			label(TYPE_LABEL, r.type),
			dateCell(r.dueDate),
			label(STATUS_LABEL, r.status),
			wan(r.amountRectified),
			r.measures ?? null,
			r.rulesIssued ?? null,
			r.accountability ?? null,
			r.rectifiedOn ? dateCell(r.rectifiedOn) : null
		]);
		if (r.amount && /^\d+(\.\d{1,2})?$/.test(r.amount)) total += yuanToFen(r.amount);
		if (r.amountRectified && /^\d+(\.\d{1,2})?$/.test(r.amountRectified))
			totalRectified += yuanToFen(r.amountRectified);
	}
	const totals: (string | number | null)[] = new Array(width).fill(null);
	totals[0] = '合计';
	totals[amountCol - 1] = Number(total) / 1_000_000;
	totals[statusCol] = Number(totalRectified) / 1_000_000;
	sheet.addRow(totals);
	sheet.getColumn(amountCol).numFmt = '#,##0.0000';
	sheet.getColumn(statusCol + 1).numFmt = '#,##0.0000';
	sheet.getColumn(amountCol + 2).numFmt = 'yyyy-mm-dd';
	sheet.getColumn(width).numFmt = 'yyyy-mm-dd';
	return book;
}
