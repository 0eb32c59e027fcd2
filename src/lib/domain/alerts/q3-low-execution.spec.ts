import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { judgeQ3LowExecution } from './q3-low-execution';

const p = DEFAULT_PARAMS.q3LowExecution;
const scope = { zh: '水利局', en: 'Water' };
// plan 5000万 = 5,000,000,000 fen
const at = (executed: bigint, asOf = '2026-09-30') =>
	judgeQ3LowExecution({ scope, year: 2026, asOf, plan: 5_000_000_000n, executed }, p);

describe('Q3 low execution', () => {
	it('does not judge before 30 September', () => {
		expect(at(0n, '2026-09-29')).toBeNull();
		expect(at(0n, '2026-09-30')?.level).toBe('severe');
	});
	it('needs a rate under 60%', () => {
		expect(at(3_000_000_000n)).toBeNull(); // exactly 60%
		expect(at(2_999_999_999n)?.level).toBe('severe'); // balance 2000万+
	});
	it('grades by the unspent balance: over 200万, 500万, 1000万', () => {
		const small = (executed: bigint, plan: bigint) =>
			judgeQ3LowExecution({ scope, year: 2026, asOf: '2026-10-08', plan, executed }, p);
		expect(small(0n, 199_999_999n)).toBeNull();
		expect(small(0n, 200_000_000n)?.level).toBe('notice');
		expect(small(0n, 500_000_000n)?.level).toBe('warning');
		expect(small(0n, 1_000_000_000n)?.level).toBe('severe');
	});
});
