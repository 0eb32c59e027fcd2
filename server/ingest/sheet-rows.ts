/**
 * The first worksheet of an XLSX file as rows of cell values (exceljs' streaming reader), with a
 * look at its first rows to tell a published audit findings list from an ordinary table.
 */
import ExcelJS from 'exceljs';
import { auditLayout, auditRecord, isTitleRow, isTotalsRow, type AuditLayout } from './audit-list';
import type { SourceRow } from './sources';

interface SheetRow {
	number: number;
	cells: unknown[];
}

/** The first worksheet's rows; the first few can be peeked at and are then read again by `all`. */
export function sheetRows(path: string) {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'emit'
	});
	const rest = (async function* (): AsyncGenerator<SheetRow> {
		for await (const sheet of reader) {
			for await (const row of sheet as AsyncIterable<ExcelJS.Row>)
				yield { number: row.number, cells: (row.values as unknown[]).slice(1).map(cellValue) };
			break; // the first worksheet only
		}
	})();
	const peeked: SheetRow[] = [];
	return {
		rest,
		peeked,
		/** The next non-empty row, kept for `all`. */
		async peek(): Promise<SheetRow | undefined> {
			for (;;) {
				const next = await rest.next();
				if (next.done) return undefined;
				peeked.push(next.value);
				if (!next.value.cells.every((c) => c === undefined || c === '')) return next.value;
			}
		},
		async *all(): AsyncGenerator<SheetRow> {
			yield* peeked;
			yield* rest;
		}
	};
}

/**
 * A published audit findings list (title row, one or two header rows naming 被审计单位 and 问题描述):
 * its layout and the data rows already read while finding it; else undefined (an ordinary table).
 */
export async function auditListOf(
	sheet: ReturnType<typeof sheetRows>
): Promise<{ layout: AuditLayout; rows: SourceRow[] } | undefined> {
	const first = await sheet.peek();
	if (!first || !isTitleRow(first.cells)) return undefined;
	const top = await sheet.peek();
	if (!top) return undefined;
	const second = await sheet.peek();
	const layout = auditLayout(String(filledCell(first.cells)), top.cells, second?.cells);
	if (!layout) return undefined;
	const rows: SourceRow[] = [];
	if (second && layout.headerRows === 1 && !isTotalsRow(second.cells))
		rows.push({ row: second.number, ...auditRecord(layout, second.cells) });
	return { layout, rows };
}

const filledCell = (cells: unknown[]) => cells.find((c) => c !== undefined && c !== '');

function cellValue(v: unknown): unknown {
	if (v === null || v === undefined) return undefined;
	if (v instanceof Date || typeof v !== 'object') return v;
	const o = v as Record<string, unknown>;
	if ('result' in o) return cellValue(o.result);
	if ('richText' in o && Array.isArray(o.richText))
		return o.richText.map((t: { text: string }) => t.text).join('');
	if ('text' in o) return cellValue(o.text);
	if ('error' in o) return String(o.error);
	return JSON.stringify(o);
}
