import { describe, expect, it } from 'vitest';
import { assetRates } from '../domain/assets';
import { demoAssetReports } from './assets';

const byCode = (year: number) => new Map(demoAssetReports(year).map((r) => [r.entityCode, r]));

describe('the demo city state-asset reports', () => {
	it('report the year before, in all four categories', () => {
		const reports = demoAssetReports(2026);
		expect(new Set(reports.map((r) => r.period))).toEqual(new Set(['2025']));
		expect(new Set(reports.map((r) => r.category))).toEqual(
			new Set(['enterprise', 'financial', 'administrative', 'natural'])
		);
		expect(new Set(reports.map((r) => r.id)).size).toBe(reports.length);
	});

	it('differ from year to year, and a year opens with the equity the year before closed with', () => {
		for (let year = 2022; year <= 2031; year++) {
			const now = byCode(year);
			const before = byCode(year - 1);
			for (const [code, r] of now) {
				expect(r.figures, `${code} ${r.period}`).not.toEqual(before.get(code)!.figures);
				if (r.category === 'enterprise')
					expect(r.figures.openingEquity, `${code} ${r.period}`).toBe(
						before.get(code)!.figures.equity
					);
			}
		}
	});

	it('balance: liabilities and equity (or net assets) add up to assets, to the fen', () => {
		for (const r of demoAssetReports(2024).concat(demoAssetReports(2026), demoAssetReports(2028))) {
			if (r.category === 'natural') continue;
			const f = r.figures;
			expect(BigInt(f.totalAssets.replace('.', '')), r.id).toBe(
				BigInt(f.totalLiabilities.replace('.', '')) +
					BigInt((f.equity ?? f.netAssets).replace('.', ''))
			);
		}
	});

	it('keep the cases the alert rules are shown with in every recent year: two groups over-leveraged, one losing state capital', () => {
		for (let year = 2024; year <= 2030; year++) {
			const r = byCode(year);
			const leverage = (code: string) =>
				Number(assetRates('enterprise', r.get(code)!.figures).leverage);
			const preservation = (code: string) =>
				Number(assetRates('enterprise', r.get(code)!.figures).preservation);
			expect(leverage('JTTZ'), `${year}`).toBeGreaterThanOrEqual(0.85); // severe
			expect(leverage('CTJT'), `${year}`).toBeGreaterThanOrEqual(0.7); // warning
			expect(leverage('CTJT'), `${year}`).toBeLessThan(0.85);
			expect(preservation('WLJT'), `${year}`).toBeLessThan(1);
			for (const code of ['SWJT', 'GZJT']) {
				expect(leverage(code), `${code} ${year}`).toBeLessThan(0.65);
				expect(preservation(code), `${code} ${year}`).toBeGreaterThanOrEqual(1);
			}
		}
	});

	it('give 2025 the figures the alert explanations quote', () => {
		const r = byCode(2026);
		expect(assetRates('enterprise', r.get('JTTZ')!.figures).leverage).toBe('0.87000349'); // 249.43 / 286.70 = 0.8700034879…
		expect(assetRates('enterprise', r.get('CTJT')!.figures).leverage).toBe('0.72625143'); // 380.12 / 523.40
		expect(r.get('WLJT')!.figures).toMatchObject({
			openingEquity: '1790000000.00',
			equity: '1714000000.00'
		});
	});
});
