import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import '../i18n/dictionaries';
import {
	assetRates,
	entityHref,
	figureName,
	physicalUnitText,
	isEntityCode,
	periodForYear,
	rateText,
	sortPeriods,
	toYuan2
} from './assets';

describe('state-asset rates', () => {
	it('computes leverage and preservation as the alert rules do, exactly', () => {
		const r = assetRates('enterprise', {
			totalAssets: '28670000000.00',
			totalLiabilities: '24943000000.00',
			openingEquity: '3690000000.00',
			equity: '3727000000.00'
		});
		expect(r.leverage).toBe('0.87000349'); // 249.43 / 286.70 = 0.870003488…, rounded once half-up
		expect(rateText(r.leverage)).toBe('87.0%');
		expect(r.preservation).toBe('1.01002710');
		expect(rateText(r.preservation)).toBe('101.0%');
	});
	it('says nothing where a rate is not computable', () => {
		expect(assetRates('enterprise', { totalAssets: '0', totalLiabilities: '5' })).toEqual({
			leverage: null,
			preservation: null
		});
		expect(
			assetRates('administrative', {
				totalAssets: '100',
				totalLiabilities: '5',
				openingEquity: '1',
				equity: '2'
			})
		).toEqual({ leverage: '0.05000000', preservation: null });
		expect(assetRates('natural', { landArea: '100', unit: '公顷' })).toEqual({
			leverage: null,
			preservation: null
		});
		expect(rateText(null)).toBe('—');
	});
	it('prefers the reported preservation rate', () => {
		expect(
			assetRates('enterprise', { preservationRate: '98.6', openingEquity: '1', equity: '2' })
				.preservation
		).toBe('0.98600000');
	});
	it('rounds a figure to 分 for display', () => {
		expect(toYuan2('12.345')).toBe('12.35');
		expect(toYuan2('7')).toBe('7.00');
	});
	it('shows the annual report of a year, else its latest month', () => {
		expect(periodForYear(['2024', '2025-03', '2025-06'], 2025)).toBe('2025-06');
		expect(periodForYear(['2025-12', '2025', '2024'], 2025)).toBe('2025');
		expect(periodForYear(['2024'], 2025)).toBeNull();
	});
	it("orders periods oldest first, a year's months before its annual report", () => {
		expect(sortPeriods(['2025', '2024', '2025-06', '2024-12', '2025-01'])).toEqual([
			'2024-12',
			'2024',
			'2025-01',
			'2025-06',
			'2025'
		]);
	});
	it('takes entity codes as the records carry them, and links them escaped', () => {
		expect(isEntityCode('CTJT')).toBe(true);
		expect(isEntityCode('城投 01')).toBe(true);
		expect(isEntityCode('')).toBe(false);
		expect(isEntityCode('x'.repeat(41))).toBe(false);
		expect(isEntityCode('a\nb')).toBe(false);
		expect(entityHref('城投/01')).toBe('/assets/entities/%E5%9F%8E%E6%8A%95%2F01');
	});
});

describe('natural-resource figures as a page shows them', () => {
	const zh = translator('zh');
	const en = translator('en');

	it('names the reported units in the page language, unknown ones as reported', () => {
		expect(physicalUnitText('公顷', en)).toBe('ha');
		expect(physicalUnitText('亿立方米', en)).toBe('100 million m³');
		expect(physicalUnitText('公顷', zh)).toBe('公顷');
		expect(physicalUnitText('亿立方米', zh)).toBe('亿立方米');
		expect(physicalUnitText('株', en)).toBe('株');
		expect(physicalUnitText(null, en)).toBe('(unit not given)');
	});

	it('names known figures in the page language, others by their reported key', () => {
		expect(figureName('landArea', en)).toBe('Land area');
		expect(figureName('landArea', zh)).toBe('土地面积');
		expect(figureName('珍稀树种', en)).toBe('珍稀树种');
	});
});
