import { describe, expect, it } from 'vitest';
import {
	debtRatio,
	fractionText,
	leverage,
	mofGrade,
	percentText,
	preservation,
	reachesPercent,
	sumDecimals,
	yearOnYear
} from './ratios';

describe('leverage 资产负债率', () => {
	it('is liabilities / assets, rounded once half-up', () => {
		// 249.43亿 / 286.70亿 = 0.870003487966…
		const r = leverage('28670000000.00', '24943000000.00')!;
		expect(fractionText(r, 8)).toBe('0.87000349'); // not truncated to …48
		expect(percentText(r, 2)).toBe('87.00');
		// 2 / 3 = 66.666…% → 66.67 (half-up), 66.7 at one decimal
		expect(percentText(leverage('3', '2'), 2)).toBe('66.67');
		expect(percentText(leverage('3', '2'), 1)).toBe('66.7');
		// an exact half: 1 / 8 = 12.5% → 13 at no decimals, 0.125 → 0.13 as a fraction of 2 decimals
		expect(percentText(leverage('8', '1'), 0)).toBe('13');
		expect(fractionText(leverage('8', '1'), 2)).toBe('0.13');
	});
	it('has no value without positive assets', () => {
		expect(leverage('0', '5')).toBeNull();
		expect(fractionText(leverage('-1', '5'))).toBeNull();
	});
});

describe('preservation 保值增值率', () => {
	it('is closing / opening state equity', () => {
		// 37.27亿 / 36.90亿 = 1.010027100271…
		const r = preservation('3690000000', '3727000000')!;
		expect(fractionText(r, 8)).toBe('1.01002710');
		expect(percentText(r, 2)).toBe('101.00');
		// 99.995 / 100 → 99.995% → "100.00" at 2 decimals (half-up), "99.995" exact
		expect(percentText(preservation('100', '99.995'), 2)).toBe('100.00');
		expect(percentText(preservation('100', '99.995'), 3)).toBe('99.995');
		// a loss: 90 / 100 = 90.00%
		expect(percentText(preservation('100', '90'), 2)).toBe('90.00');
	});
	it('rounds a negative change away from zero at the half', () => {
		// (−0.125) as a year-on-year change: 87.5 vs 100
		expect(fractionText(yearOnYear('100', '87.5'), 2)).toBe('-0.13');
		expect(fractionText(yearOnYear('80', '100'), 4)).toBe('0.2500');
		expect(yearOnYear('0', '5')).toBeNull();
	});
});

describe('debt ratio 债务率 and its MOF grade', () => {
	it('is balance / comprehensive capacity', () => {
		// 412.35亿 / 330.00亿 = 1.249545…
		const r = debtRatio('41235000000', '33000000000')!;
		expect(fractionText(r, 4)).toBe('1.2495');
		expect(percentText(r, 2)).toBe('124.95');
		expect(mofGrade(r)).toBe('yellow');
	});
	it('grades at the MOF boundaries exactly', () => {
		expect(mofGrade(debtRatio('119.999999', '100')!)).toBe('green');
		expect(mofGrade(debtRatio('120', '100')!)).toBe('yellow');
		expect(mofGrade(debtRatio('199.999999', '100')!)).toBe('yellow');
		expect(mofGrade(debtRatio('200', '100')!)).toBe('orange');
		expect(mofGrade(debtRatio('300', '100')!)).toBe('red');
		// 0.999999 / 0.333333 = 3 exactly → red; 0.999998 / 0.333333 = 2.999997… → orange,
		// though it shows as 300.00% at two decimals
		expect(mofGrade(debtRatio('0.999999', '0.333333')!)).toBe('red');
		expect(mofGrade(debtRatio('0.999998', '0.333333')!)).toBe('orange');
		expect(percentText(debtRatio('0.999998', '0.333333'), 2)).toBe('300.00');
	});
	it('compares thresholds without rounding', () => {
		const just = debtRatio('99.999999', '100')!;
		expect(reachesPercent(just, '100')).toBe(false);
		expect(percentText(just, 2)).toBe('100.00'); // shown rounded, judged exact
		expect(reachesPercent(debtRatio('100', '100')!, '100')).toBe(true);
	});
	it('has no value without capacity', () => {
		expect(debtRatio('5', '0')).toBeNull();
	});
});

describe('sums', () => {
	it('adds decimal figures exactly', () => {
		expect(sumDecimals(['0.1', '0.2', '1234567890123.45'])).toBe('1234567890123.750000');
		expect(sumDecimals([])).toBe('0.000000');
	});
});
