import { describe, expect, it } from 'vitest';
import { judgeNoPlan } from './no-plan';
import { DEFAULT_PARAMS } from './params';

const scope = { zh: '教育局 2059999', en: 'Education 2059999' };

describe('no plan (无预算支出)', () => {
	it('warns on any net spending no plan line covers', () => {
		expect(judgeNoPlan({ scope, amount: 1n, payments: 1 }, DEFAULT_PARAMS.noPlan)?.level).toBe(
			'warning'
		);
		expect(
			judgeNoPlan({ scope, amount: 1_265_000n, payments: 1 }, DEFAULT_PARAMS.noPlan)?.explanation
				.summary.zh
		).toBe('教育局 2059999：无预算支出 1.27 万元（1 笔）> 0.00 元');
	});
	it('clears when a refund nets the line to zero', () => {
		expect(judgeNoPlan({ scope, amount: 0n, payments: 2 }, DEFAULT_PARAMS.noPlan)).toBeNull();
		expect(judgeNoPlan({ scope, amount: -500n, payments: 2 }, DEFAULT_PARAMS.noPlan)).toBeNull();
	});
	it('ignores amounts up to a configured minimum', () => {
		const params = { level: 'notice' as const, minAmount: '100' };
		expect(judgeNoPlan({ scope, amount: 10_000n, payments: 1 }, params)).toBeNull();
		expect(judgeNoPlan({ scope, amount: 10_001n, payments: 1 }, params)?.level).toBe('notice');
	});
});
