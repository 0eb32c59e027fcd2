import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { judgeYearEndRush } from './year-end-rush';

const p = DEFAULT_PARAMS.yearEndRush;
const scope = { zh: '城管局 智慧城管平台建设', en: 'City management: smart platform' };
const at = (beforeDecember: bigint, december: bigint, asOf = '2026-12-31', plan = 600_000_000n) =>
	judgeYearEndRush({ scope, year: 2026, asOf, plan, beforeDecember, december }, p);

describe('year-end rush (年底突击花钱)', () => {
	it('does not judge before December', () => {
		expect(at(90_000_000n, 470_000_000n, '2026-11-30')).toBeNull();
	});
	it('is severe on the pattern: Jan–Nov under half the plan, December alone over half', () => {
		expect(at(90_000_000n, 470_000_000n)?.level).toBe('severe');
		expect(at(90_000_000n, 300_000_000n)?.level).toBe('warning'); // December exactly 50% of plan: not over half; share 76.9%
	});
	it('grades December’s share of the year at 25% and 35%', () => {
		expect(at(301_000_000n, 99_999_999n)).toBeNull(); // 24.9%
		expect(at(300_000_000n, 100_000_000n)?.level).toBe('notice'); // 25%
		expect(at(260_000_000n, 140_000_000n)?.level).toBe('warning'); // 35%
	});
	it('nets December refunds', () => {
		expect(at(300_000_000n, 100_000_000n - 1_000_000n)).toBeNull();
	});
});
