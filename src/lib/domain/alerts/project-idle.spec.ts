import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { addDays, judgeProjectIdle } from './project-idle';

const p = DEFAULT_PARAMS.projectIdle;
const scope = { zh: '水利局 泵站二期', en: 'Water: pumping station II' };
const at = (asOf: string, lastPaidOn: string | null) =>
	judgeProjectIdle({ scope, year: 2026, asOf, plan: 800_000_000n, executed: 0n, lastPaidOn }, p);

describe('project idle (项目未执行)', () => {
	it('waits until a quarter of the year has passed', () => {
		expect(at('2026-04-01', null)).toBeNull(); // day 91
		expect(at('2026-04-02', null)?.level).toBe('notice'); // day 92
	});
	it('fires when the last payment is older than the last 92 days, not when it is inside them', () => {
		expect(addDays('2026-07-31', -91)).toBe('2026-05-01');
		expect(at('2026-07-31', '2026-05-01')).toBeNull();
		expect(at('2026-07-31', '2026-04-30')?.level).toBe('notice');
	});
	it('does not call a project idle once it has spent its whole plan (a fen short still is)', () => {
		const spent = (executed: bigint) =>
			judgeProjectIdle(
				{
					scope,
					year: 2026,
					asOf: '2026-12-07',
					plan: 300_000_000n,
					executed,
					lastPaidOn: '2026-05-18'
				},
				p
			);
		expect(spent(299_999_999n)?.level).toBe('notice');
		expect(spent(300_000_000n)).toBeNull();
		expect(spent(344_400_000n)).toBeNull(); // over its plan: a case of 超预算, not of idleness
	});
	it('judges a past year as of 31 December', () => {
		expect(at('2027-02-01', '2026-10-01')).toBeNull();
		expect(at('2027-02-01', '2026-09-30')?.level).toBe('notice');
	});
});
