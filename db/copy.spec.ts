import { describe, expect, it } from 'vitest';
import { copyLine } from './copy';

describe('copyLine', () => {
	it('separates fields by tabs, ends the row with a line break and writes null as \\N', () => {
		expect(copyLine(['P-1', '2026-03-10T02:00:00.000Z', null, undefined, '', '1234.56'])).toBe(
			'P-1\t2026-03-10T02:00:00.000Z\t\\N\t\\N\t\t1234.56\n'
		);
	});

	it('escapes the characters COPY reads as structure, so text arrives as it was', () => {
		expect(copyLine(['a\tb', 'line 1\nline 2\r\n', 'C:\\dir', '\\N'])).toBe(
			'a\\tb\tline 1\\nline 2\\r\\n\tC:\\\\dir\t\\\\N\n'
		);
	});

	it('leaves other text, Chinese included, untouched', () => {
		expect(copyLine(['市第一中学', '办公用品 "A4" 纸'])).toBe('市第一中学\t办公用品 "A4" 纸\n');
	});
});
