import { describe, expect, it } from 'vitest';
import { mergeHeaderMaps } from './headers';
import { excelDateText, normaliseAmount, normaliseDateTime, rowToRecord } from './normalise';

describe('amount normalisation', () => {
	it('drops thousands separators, currency signs and 元', () => {
		expect(normaliseAmount('1,234.50')).toBe('1234.50');
		expect(normaliseAmount('12,345,678')).toBe('12345678');
		expect(normaliseAmount('¥ 1,234.50 元')).toBe('1234.50');
		expect(normaliseAmount('-1,000.00')).toBe('-1000.00');
		expect(normaliseAmount('+12.5')).toBe('12.5');
	});

	it('reads accounting parentheses as negative', () => {
		expect(normaliseAmount('(1,234.50)')).toBe('-1234.50');
	});

	it('leaves anything ambiguous for the server to reject with its reason', () => {
		expect(normaliseAmount('12,34.5')).toBe('12,34.5');
		expect(normaliseAmount('1.234,50')).toBe('1.234,50');
		expect(normaliseAmount('abc')).toBe('abc');
		expect(normaliseAmount('12.345')).toBe('12.345');
	});
});

describe('date normalisation', () => {
	it('turns spreadsheet dates into ISO local time without an offset', () => {
		expect(normaliseDateTime('2026/3/5')).toBe('2026-03-05');
		expect(normaliseDateTime('2026/3/5 9:30')).toBe('2026-03-05T09:30:00');
		expect(normaliseDateTime('2026-03-05 09:30:15')).toBe('2026-03-05T09:30:15');
		expect(normaliseDateTime('2026年3月5日')).toBe('2026-03-05');
	});

	it('passes ISO text and nonsense through unchanged', () => {
		expect(normaliseDateTime('2026-03-05T09:30:00+08:00')).toBe('2026-03-05T09:30:00+08:00');
		expect(normaliseDateTime('2026-02-30')).toBe('2026-02-30');
		expect(normaliseDateTime('yesterday')).toBe('yesterday');
	});

	it('reads an exceljs date as wall-clock time', () => {
		expect(excelDateText(new Date(Date.UTC(2026, 2, 5, 9, 30)))).toBe('2026-03-05T09:30:00');
		expect(excelDateText(new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
	});
});

describe('a row becomes a record', () => {
	it('drops empty cells, translates Chinese enum words and nests figures', () => {
		const map = mergeHeaderMaps();
		const record = rowToRecord(
			['id', 'amount', 'payType', 'projectCode', 'figures.totalAssets', null],
			['ZF-1', '1,234.50', '直接支付', '', 12.5, 'ignored'],
			map
		);
		expect(record).toEqual({
			id: 'ZF-1',
			amount: '1234.50',
			payType: 'direct',
			figures: { totalAssets: '12.5' }
		});
	});
});
