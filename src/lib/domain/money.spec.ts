import { describe, expect, it } from 'vitest';
import { fenToYuan, formatIn, parseYuan, ratio, toChartNumber, unitFor, yuanToFen } from './money';

describe('money', () => {
	it('parses decimal strings and numbers exactly into fen', () => {
		expect(parseYuan('1234.5')).toBe(123450n);
		expect(parseYuan('0.01')).toBe(1n);
		expect(parseYuan(-12.3)).toBe(-1230n);
		expect(parseYuan('-0.00')).toBe(0n);
		expect(parseYuan(0.1 + 0.2)).toBeNull(); // 0.30000000000000004 is over-precise
	});

	it('rejects over-precise, non-numeric and thousands-separated amounts', () => {
		expect(parseYuan('1.234')).toBeNull();
		expect(parseYuan('abc')).toBeNull();
		expect(parseYuan('1,234.50')).toBeNull();
		expect(parseYuan('')).toBeNull();
		expect(parseYuan(Number.NaN)).toBeNull();
		expect(parseYuan(1e21)).toBeNull();
	});

	it('reads a stored amount or threshold in 元 as fen, and refuses a malformed one', () => {
		expect(yuanToFen('500000')).toBe(50_000_000n);
		expect(yuanToFen('99999999999999.99')).toBe(9_999_999_999_999_999n);
		expect(yuanToFen('12.5')).toBe(1250n);
		expect(yuanToFen(null)).toBe(0n);
		expect(() => yuanToFen('1.005')).toThrow('not a decimal amount');
		expect(() => yuanToFen('1e6')).toThrow('not a decimal amount');
	});

	it('adds a million small payments without drifting a fen', () => {
		let total = 0n;
		for (let i = 0; i < 1_000_000; i++) total += yuanToFen('0.10');
		expect(fenToYuan(total)).toBe('100000.00');
	});

	it('formats in 万元 and 亿元 with rounding half away from zero', () => {
		expect(formatIn(12345678900n, 'wan')).toBe('12,345.68');
		expect(formatIn(1234567890123n, 'yi')).toBe('123.46');
		expect(formatIn(-150n, 'yuan')).toBe('-1.50');
		expect(formatIn(10_000_000n, 'wan', 0)).toBe('10');
		expect(formatIn(123_456_789_00n, 'yuan', 0)).toBe('123,456,789');
		expect(unitFor(9_999_99n)).toBe('yuan');
		expect(unitFor(10_000_00n)).toBe('wan');
		expect(unitFor(10_000_000_000n)).toBe('yi');
	});

	it('computes rates as four-decimal fractions', () => {
		expect(ratio(583n, 1000n)).toBe('0.5830');
		expect(ratio(2n, 3n)).toBe('0.6667');
		expect(ratio(1n, 0n)).toBeNull();
		expect(ratio(-1n, 3n)).toBe('-0.3333');
	});

	it('converts to chart numbers only in a stated unit', () => {
		expect(toChartNumber(12345678900n, 'wan')).toBe(12345.68);
	});
});
