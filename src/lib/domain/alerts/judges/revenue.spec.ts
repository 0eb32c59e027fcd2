import { describe, expect, it } from 'vitest';
import { names, ruleSettings } from '../../../../../tests/support/alert-judging';
import { judgeRevenue, revenueWindow } from './revenue';

describe('revenue progress per subject', () => {
	it('judges collections through the as-of day against the same day last year', () => {
		expect(revenueWindow(2026, '2026-06-30')).toEqual({
			through: '2026-06-30',
			lastThrough: '2025-06-30'
		});
		expect(revenueWindow(2025, '2026-03-01').through).toBe('2025-12-31');
	});

	it('finds a subject far behind time progress, named with its code', () => {
		const judged = judgeRevenue(
			2026,
			revenueWindow(2026, '2026-06-30'),
			[
				{
					budgetKind: 'general',
					subjectCode: '10101',
					plan: 100_000_000n,
					collected: 10_000_000n,
					lastYear: 40_000_000n
				}
			],
			ruleSettings().revenueLag,
			names
		);
		expect(judged.findings).toMatchObject([
			{ subjectKey: 'general:10101', period: '2026', level: 'severe' }
		]);
		expect(judged.findings[0].explanation.scopeLabel.zh).toBe('10101 增值税');
		expect(judged.narrow).toEqual({ period: '2026' });
	});
});
