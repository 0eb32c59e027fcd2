import { describe, expect, it } from 'vitest';
import { ruleSettings } from '../../../../../tests/support/alert-judging';
import { judgeAssets, type EnterpriseReport } from './assets';

const report = (figures: Record<string, unknown>): EnterpriseReport => ({
	period: '2026-06',
	entityCode: 'SOE-01',
	entityName: '市城投集团',
	figures
});

describe('state-asset reports of enterprises', () => {
	it('judges leverage and capital preservation per entity and period', () => {
		const [leverage, preservation] = judgeAssets(
			[report({ totalAssets: '100', totalLiabilities: '90', preservationRate: '95' })],
			ruleSettings()
		);
		expect(leverage.findings).toMatchObject([
			{ subjectKey: 'SOE-01', period: '2026-06', year: 2026, level: 'severe' }
		]);
		expect(preservation.findings).toMatchObject([{ subjectKey: 'SOE-01', level: 'warning' }]);
	});

	it('skips figures that are not decimal strings', () => {
		const [leverage] = judgeAssets(
			[report({ totalAssets: 100, totalLiabilities: '9e1' })],
			ruleSettings()
		);
		expect(leverage.findings).toEqual([]);
	});
});
