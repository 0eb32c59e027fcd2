import { describe, expect, it } from 'vitest';
import { judgeCapitalPreservation, preservationRate } from './capital-preservation';
import { DEFAULT_PARAMS } from './params';
import { judgeSoeLeverage } from './soe-leverage';

const scope = { zh: '交投集团', en: 'Transport group' };
const leverage = (liabilities: string, assets = '100.00') =>
	judgeSoeLeverage(
		{ scope, period: '2025', totalAssets: assets, totalLiabilities: liabilities },
		DEFAULT_PARAMS.soeLeverage
	);

describe('SOE leverage (资产负债率)', () => {
	it('fires at 65%, 70% and 85%', () => {
		expect(leverage('64.99')).toBeNull();
		expect(leverage('65.00')?.level).toBe('notice');
		expect(leverage('70')?.level).toBe('warning');
		expect(leverage('84.99')?.level).toBe('warning');
		expect(leverage('85')?.level).toBe('severe');
	});
	it('ignores a report without assets', () => {
		expect(leverage('10', '0')).toBeNull();
	});
});

describe('capital preservation (保值增值率)', () => {
	const p = DEFAULT_PARAMS.capitalPreservation;
	it('warns below 100%, from the reported rate or from equity', () => {
		expect(judgeCapitalPreservation({ scope, period: '2025', reportedRate: '100' }, p)).toBeNull();
		expect(
			judgeCapitalPreservation({ scope, period: '2025', reportedRate: '99.99' }, p)?.level
		).toBe('warning');
		expect(
			preservationRate({
				scope,
				period: '2025',
				openingEquity: '1790000000.00',
				closingEquity: '1714000000.00'
			})
		).toBe(95_754_189n);
		expect(
			judgeCapitalPreservation(
				{ scope, period: '2025', openingEquity: '100', closingEquity: '100' },
				p
			)
		).toBeNull();
	});
	it('says nothing when the report has neither', () => {
		expect(judgeCapitalPreservation({ scope, period: '2025' }, p)).toBeNull();
	});
});
