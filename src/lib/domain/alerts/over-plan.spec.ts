import { describe, expect, it } from 'vitest';
import { judgeOverPlan } from './over-plan';
import { DEFAULT_PARAMS } from './params';

const p = DEFAULT_PARAMS.overPlan;
const scope = { zh: '教育局 205', en: 'Education 205' };
const at = (executed: bigint, plan = 1_000_000n) => judgeOverPlan({ scope, plan, executed }, p);

describe('over plan (超预算)', () => {
	it('fires at 95%, 100% and 110% of the available plan, not a fen below', () => {
		expect(at(949_999n)).toBeNull();
		expect(at(950_000n)?.level).toBe('notice');
		expect(at(999_999n)?.level).toBe('notice');
		expect(at(1_000_000n)?.level).toBe('warning');
		expect(at(1_099_999n)?.level).toBe('warning');
		expect(at(1_100_000n)?.level).toBe('severe');
	});
	it('lowers when a refund brings execution back under the plan', () => {
		expect(at(1_000_000n - 60_000n)).toBeNull();
	});
	it('leaves spending without any plan to the no-plan rule', () => {
		expect(at(5_000n, 0n)).toBeNull();
	});
});
