import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeHeaderMaps } from './headers';
import {
	JsonArraySplitter,
	readRows,
	UnreadableFile,
	type SourceFormat,
	type SourceRow
} from './sources';

const dir = mkdtempSync(join(tmpdir(), 'qiandai-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function rowsOf(
	format: SourceFormat,
	content: string | Uint8Array,
	encoding: 'utf-8' | 'gb18030' = 'utf-8'
): Promise<SourceRow[]> {
	const path = join(dir, `f${++n}.${format}`);
	writeFileSync(path, content);
	const out: SourceRow[] = [];
	for await (const r of readRows(path, { format, encoding, map: mergeHeaderMaps() })) out.push(r);
	return out;
}

describe('CSV', () => {
	it('reads Chinese headers, quoted thousands separators and spreadsheet row numbers', async () => {
		const rows = await rowsOf(
			'csv',
			'\uFEFF支付凭证号,支付金额,支付日期\nZF-1,"1,234.50",2026/3/5 9:30\n\nZF-2,12,2026-03-06\n'
		);
		expect(rows).toEqual([
			{ row: 2, record: { id: 'ZF-1', amount: '1234.50', paidAt: '2026-03-05T09:30:00' } },
			{ row: 3, record: { id: 'ZF-2', amount: '12', paidAt: '2026-03-06' } }
		]);
	});

	it('reports a row with more fields than the header instead of guessing', async () => {
		const rows = await rowsOf('csv', 'id,amount\nA,1\nB,2,3\n');
		expect(rows[1]).toMatchObject({
			row: 3,
			record: { id: 'B' },
			problem: 'row has 3 fields but the header has 2'
		});
	});

	it('refuses a header-only file, an empty file and unknown headers', async () => {
		await expect(rowsOf('csv', 'id,amount\n')).rejects.toThrow(/header row but no records/);
		await expect(rowsOf('csv', '')).rejects.toThrow(/empty/);
		await expect(rowsOf('csv', 'voucher,amount\nA,1\n')).rejects.toThrow(UnreadableFile);
	});
});

describe('JSON', () => {
	it('splits a top-level array element by element across chunk boundaries', () => {
		const text = '[{"id":"a","s":"x]},{"}, {"id":"b","n":[1,2,{"c":3}]} ,\n{"id":"c"}]';
		for (let cut = 1; cut < text.length; cut++) {
			const s = new JsonArraySplitter();
			const parts = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut))].map(
				(e) => JSON.parse(e.text).id
			);
			s.end();
			expect(parts, `cut at ${cut}`).toEqual(['a', 'b', 'c']);
		}
	});

	it('reads an array, an object with kind and records, and NDJSON', async () => {
		expect(await rowsOf('json', '[{"id":"a"},{"id":"b"}]')).toEqual([
			{ row: 1, record: { id: 'a' } },
			{ row: 2, record: { id: 'b' } }
		]);
		expect((await rowsOf('json', '{"kind":"payment","records":[{"id":"a"}]}')).length).toBe(1);
		expect(await rowsOf('ndjson', '{"id":"a"}\n\n{"id":"b"}')).toHaveLength(2);
	});

	it('refuses malformed JSON naming where', async () => {
		await expect(rowsOf('json', '[{"id":"a"},{"id":"b",}]')).rejects.toThrow(
			/malformed JSON in record 2/
		);
		await expect(rowsOf('json', '[{"id":"a"}')).rejects.toThrow(/not closed/);
		await expect(rowsOf('json', '[{"id":"a"} {"id":"b"}]')).rejects.toThrow(/missing ,/);
		await expect(rowsOf('json', '{"records": [')).rejects.toThrow(/malformed JSON/);
		await expect(rowsOf('json', '[]')).rejects.toThrow(/no records/);
		await expect(rowsOf('ndjson', '{"id":"a"}\n{id:b}\n')).rejects.toThrow(/line 2/);
	});
});

describe('XLSX', () => {
	it('streams the first sheet with dates as local time and numbers as text', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('支付');
		ws.addRow(['支付凭证号', '支付日期', '支付金额', '支付方式']);
		ws.addRow(['ZF-1', new Date(Date.UTC(2026, 2, 5, 9, 30)), 1234.5, '授权支付']);
		ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
		ws.addRow([]);
		ws.addRow(['ZF-2', '2026/3/6', '2,000.00', '直接支付']);
		const path = join(dir, 'pay.xlsx');
		await wb.xlsx.writeFile(path);
		const out: SourceRow[] = [];
		for await (const r of readRows(path, {
			format: 'xlsx',
			encoding: 'utf-8',
			map: mergeHeaderMaps()
		}))
			out.push(r);
		expect(out).toEqual([
			{
				row: 2,
				record: {
					id: 'ZF-1',
					paidAt: '2026-03-05T09:30:00',
					amount: '1234.5',
					payType: 'authorized'
				}
			},
			{ row: 4, record: { id: 'ZF-2', paidAt: '2026-03-06', amount: '2000.00', payType: 'direct' } }
		]);
	});
});
