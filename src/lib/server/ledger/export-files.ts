// The payments ledger's export files: exactly the rows a filter matches, as CSV (UTF-8 with BOM, which
// Excel in China opens correctly) or XLSX (exceljs' streaming writer), without holding them all in memory.
import { PassThrough, Readable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import { csvField, type LedgerFilter } from '../../domain/ledger-filter';
import { translator, type Locale, type MessageKey, type Translate } from '../../i18n';
import '../../i18n/dictionaries';
import type { Viewer } from '../privacy';
import { exportRows, type PaymentRow } from './queries';

interface Column {
	zh: string;
	en: string;
	width: number;
	/** The cell; enumerations (支付方式, 收款人类型) and code names in the export's language. */
	value: (r: PaymentRow, tz: string, t: Translate, locale: Locale) => string | number | null;
	/** Money: written as a number in XLSX (exact: amounts stay far below 2^53 fen), as text in CSV. */
	money?: boolean;
}

const COLUMNS: Column[] = [
	{ zh: '支付凭证号', en: 'Voucher', width: 20, value: (r) => r.id },
	{
		zh: '支付时间',
		en: 'Paid at',
		width: 20,
		value: (r, tz) => format(new TZDate(new Date(r.paidAt).getTime(), tz), 'yyyy-MM-dd HH:mm:ss')
	},
	{ zh: '部门编码', en: 'Department code', width: 10, value: (r) => r.deptCode },
	{ zh: '部门', en: 'Department', width: 24, value: (r) => r.deptName },
	{ zh: '单位编码', en: 'Unit code', width: 10, value: (r) => r.agencyCode },
	{ zh: '单位', en: 'Unit', width: 24, value: (r) => r.agencyName },
	{ zh: '功能科目编码', en: 'Function code', width: 12, value: (r) => r.funcCode },
	{
		zh: '功能科目',
		en: 'Function',
		width: 18,
		value: (r, _, __, locale) => (locale === 'en' ? (r.funcNameEn ?? r.funcName) : r.funcName)
	},
	{ zh: '经济科目编码', en: 'Economic code', width: 12, value: (r) => r.econCode },
	{
		zh: '经济科目',
		en: 'Economic class',
		width: 18,
		value: (r, _, __, locale) => (locale === 'en' ? (r.econNameEn ?? r.econName) : r.econName)
	},
	{ zh: '项目编码', en: 'Project code', width: 14, value: (r) => r.projectCode },
	{ zh: '项目', en: 'Project', width: 24, value: (r) => r.projectName },
	{ zh: '金额（元）', en: 'Amount (yuan)', width: 16, value: (r) => r.amount, money: true },
	{ zh: '支付方式', en: 'Payment type', width: 10, value: (r, _, t) => word(t, r.payType) },
	{ zh: '收款人', en: 'Payee', width: 28, value: (r) => r.payee },
	{ zh: '收款人类型', en: 'Payee kind', width: 10, value: (r, _, t) => word(t, r.payeeKind) },
	{ zh: '用途', en: 'Purpose', width: 36, value: (r) => r.purpose }
];

/** An enumeration's word (direct → 直接支付, org → 单位); empty stays empty. */
function word(t: Translate, value: string | null | undefined): string | null {
	return value ? t(`payment.${value}` as MessageKey) : null;
}

export interface ExportRequest {
	/** The rows' ids in the file's order (queries.ts exportIds). */
	ids: readonly string[];
	viewer: Viewer;
	locale: Locale;
	tz: string;
}

/** The CSV as a web stream. Codes are text (leading zeros kept); formulas are made inert. */
export function csvStream(req: ExportRequest): ReadableStream<Uint8Array> {
	const t = translator(req.locale);
	async function* lines() {
		yield '\uFEFF' + COLUMNS.map((c) => csvField(c[req.locale])).join(',') + '\r\n';
		for await (const chunk of exportRows(req.ids, req.viewer)) {
			yield (
				chunk
					.map((r) =>
						COLUMNS.map((c) => csvField(c.value(r, req.tz, t, req.locale), !c.money)).join(',')
					)
					.join('\r\n') + '\r\n'
			);
		}
	}
	return Readable.toWeb(
		Readable.from(lines(), { objectMode: false })
	) as ReadableStream<Uint8Array>;
}

/** The XLSX workbook as a web stream, one sheet, a frozen bold header, amounts formatted #,##0.00. */
export function xlsxStream(req: ExportRequest): ReadableStream<Uint8Array> {
	const t = translator(req.locale);
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out,
		useStyles: true,
		useSharedStrings: false
	});
	const sheet = workbook.addWorksheet(req.locale === 'zh' ? '支付明细' : 'Payments', {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = COLUMNS.map((c) => ({
		header: c[req.locale],
		width: c.width,
		style: c.money ? { numFmt: '#,##0.00' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	(async () => {
		try {
			for await (const chunk of exportRows(req.ids, req.viewer)) {
				for (const r of chunk)
					sheet
						.addRow(
							COLUMNS.map((c) =>
								c.money
									? Number(c.value(r, req.tz, t, req.locale))
									: c.value(r, req.tz, t, req.locale)
							)
						)
						.commit();
			}
			sheet.commit();
			await workbook.commit();
		} catch (err) {
			out.destroy(err as Error);
		}
	})();
	return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** A file name that says what the export holds: 支付明细_2026-01-01_2026-11-28.csv */
export function exportFileName(filter: LedgerFilter, ext: 'csv' | 'xlsx', locale: Locale): string {
	const parts = [
		locale === 'zh' ? '支付明细' : 'payments',
		filter.from,
		filter.to,
		filter.dept,
		filter.func
	].filter(Boolean);
	return `${parts.join('_')}.${ext}`;
}
