// The payments ledger's export in Chromium: the CSV and XLSX links of a filtered ledger hold exactly
// its rows, in its order, amounts to the fen. The city is tests/support/last-year-city.ts.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { yuanToFen } from '../../src/lib/domain/money';
import { sumOf, useLastYearCity, Y } from '../support/last-year-city';

describe('the ledger export in Chromium', () => {
	const city = useLastYearCity();
	const PAYMENTS = city.payments;

	it('exports exactly the filtered rows of the ledger to CSV and XLSX', async () => {
		const { page, server } = city;
		const filter = `year=${Y}&dept=122&min=1000&sort=amount&dir=asc`;
		await page.goto(`${server.url}/payments?${filter}`);
		const expected = PAYMENTS.filter(
			(p) => p.deptCode === '122' && yuanToFen(p.amount) >= 100_000n
		).sort((a, b) => Number(yuanToFen(a.amount) - yuanToFen(b.amount)) || a.id.localeCompare(b.id));
		expect(Number(await page.getAttribute('[data-testid="ledger-total"]', 'data-count'))).toBe(
			expected.length
		);
		expect(await page.getAttribute('[data-testid="ledger-total"]', 'data-value')).toBe(
			sumOf(expected)
		);

		const csvHref = (await page.getAttribute('[data-testid="export-csv"]', 'href'))!;
		const csv = await page.context().request.get(server.url + csvHref);
		expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
		const lines = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		const header = lines[0].split(',');
		const rows = lines.slice(1).map((l) => l.split(','));
		expect(rows.map((r) => r[0])).toEqual(expected.map((p) => p.id));
		expect(rows.map((r) => r[header.indexOf('金额（元）')])).toEqual(expected.map((p) => p.amount));

		const xlsxHref = (await page.getAttribute('[data-testid="export-xlsx"]', 'href'))!;
		const xlsx = await page.context().request.get(server.url + xlsxHref);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
		const ids: string[] = [];
		book.worksheets[0].eachRow((row, n) => n > 1 && ids.push(String(row.getCell(1).value)));
		expect(ids).toEqual(expected.map((p) => p.id));
	});
});
