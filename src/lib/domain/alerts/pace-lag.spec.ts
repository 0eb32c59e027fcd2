import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, paramsFor } from './params';
import { judgePaceLag, timeProgressPercent } from './pace-lag';

const p = DEFAULT_PARAMS.paceLag;
const scope = { zh: '教育局', en: 'Education' };
// 2026-07-31 is day 212 of 365: time progress 58.0822%. Plan 1,000,000.00 元 = 100,000,000 fen.
const asOf = '2026-07-31';
const at = (executedFen: bigint, extra: Partial<Parameters<typeof judgePaceLag>[0]> = {}) =>
	judgePaceLag({ scope, year: 2026, asOf, plan: 100_000_000n, executed: executedFen, ...extra }, p);

describe('pace lag (支出进度偏慢)', () => {
	it('computes time progress exactly from the day of the year', () => {
		expect(timeProgressPercent('2026-07-31', 2026)).toBe(58_082_200n); // 212/365 = 0.580822
	});
	it('stays quiet just below the notice threshold and fires at it', () => {
		// gap = 212/365 − rate exactly (58.08219178…%): 53,082,192 fen → 4.99999… pp; 53,082,191 → 5.0000008 pp.
		// (From a rounded 58.0822% the first would already count as 5 pp.)
		expect(at(53_082_192n)).toBeNull();
		expect(at(53_082_200n)).toBeNull();
		expect(at(53_082_191n)?.level).toBe('notice');
	});
	it('escalates at 10 and 15 percentage points and explains the numbers in both languages', () => {
		expect(at(48_082_191n)?.level).toBe('warning');
		expect(at(48_082_192n)?.level).toBe('notice');
		const severe = at(43_082_191n)!;
		expect(severe.level).toBe('severe');
		expect(severe.explanation.summary.zh).toBe(
			'教育局：执行率 43.1%，序时进度 58.1%，偏差 15.0 个百分点 ≥ 严重阈值 15 个百分点'
		);
		expect(severe.explanation.summary.en).toContain('gap 15.0 pp ≥ severe threshold 15');
		expect(severe.explanation.threshold).toEqual({ level: 'severe', value: '15', unit: 'pp' });
	});
	it('does not judge before March, nor plans under 50万', () => {
		expect(
			judgePaceLag({ scope, year: 2026, asOf: '2026-02-28', plan: 100_000_000n, executed: 0n }, p)
		).toBeNull();
		expect(
			judgePaceLag({ scope, year: 2026, asOf: '2026-03-01', plan: 100_000_000n, executed: 0n }, p)
				?.level
		).toBe('severe'); // 60/365 = 16.4 pp
		expect(at(0n, { plan: 49_999_999n })).toBeNull();
		expect(at(0n, { plan: 50_000_000n })?.level).toBe('severe');
	});
	it('judges the whole year after it ended (time progress 100%)', () => {
		const v = judgePaceLag(
			{ scope, year: 2026, asOf: '2027-01-15', plan: 100_000_000n, executed: 90_000_000n },
			p
		);
		expect(v?.level).toBe('warning'); // 100 − 90 = 10 pp
	});
	it('counts refunds as negative execution', () => {
		expect(at(60_000_000n)).toBeNull();
		expect(at(60_000_000n - 7_000_000n)?.level).toBe('notice'); // a 7万 refund drops the rate to 53%
	});
	it('applies a department override over the defaults', () => {
		const overrides = [
			{
				scopeKind: 'department' as const,
				scopeCode: '122',
				params: { thresholds: { notice: '2', warning: '4', severe: '6' } }
			}
		];
		const params = paramsFor('paceLag', p, overrides, { deptCode: '122' });
		expect(
			judgePaceLag({ scope, year: 2026, asOf, plan: 100_000_000n, executed: 53_500_000n }, params)
				?.level
		).toBe('warning'); // 4.6 pp ≥ 4
		expect(paramsFor('paceLag', p, overrides, { deptCode: '123' })).toBe(p);
	});
});

describe('pace lag against the other departments when they stand behind 序时进度', () => {
	// 2026-12-06 is day 340 of 365: time progress 93.15%. The other departments at 80% (the year-end peak to come).
	const december = (executed: bigint, peers?: { plan: bigint; executed: bigint }) =>
		judgePaceLag({ scope, year: 2026, asOf: '2026-12-06', plan: 100_000_000n, executed, peers }, p);
	const peers = { plan: 1_000_000_000n, executed: 800_000_000n };
	it('measures the gap from their rate: 15 pp behind it is severe, just under is warning', () => {
		expect(december(65_000_000n, peers)?.level).toBe('severe'); // 80 − 65 = 15 pp
		expect(december(65_000_001n, peers)?.level).toBe('warning');
		expect(december(70_000_000n, peers)?.level).toBe('warning'); // 10 pp
		expect(december(70_000_001n, peers)?.level).toBe('notice');
		expect(december(75_000_000n, peers)?.level).toBe('notice'); // 5 pp
		expect(december(75_000_001n, peers)).toBeNull();
		// Against 序时进度 alone the same department is 18.15 pp behind: severe.
		expect(december(75_000_000n)?.level).toBe('severe');
	});
	it('names their rate and 序时进度 in the explanation', () => {
		const v = december(65_000_000n, peers)!;
		// The measure is the distance below their rate, never called 偏差 (the pages' 序时进度 − rate).
		expect(v.explanation.summary.zh).toBe(
			'教育局：执行率 65.0%，其他部门执行率 80.0%（序时进度 93.2%），低于其他部门执行率 15.0 个百分点 ≥ 严重阈值 15 个百分点'
		);
		expect(v.explanation.summary.zh).not.toContain('偏差');
		expect(v.explanation.summary.en).toContain(
			'15.0 pp below other departments’ execution rate ≥ severe threshold 15 pp'
		);
		expect(v.explanation.summary.en).not.toContain('gap');
		expect(v.explanation.inputs.map((i) => i.label.zh)).not.toContain('偏差');
		expect(v.explanation.threshold.measure?.zh).toBe('低于其他部门执行率');
		expect(v.explanation.inputs.map((i) => i.label.en)).toContain(
			'other departments’ execution rate'
		);
		expect(v.explanation.formula.en).toBe(
			'other departments’ execution rate (below time progress) − execution rate'
		);
	});
	it('keeps 序时进度 when they are ahead of it or have no plan (a city of one department)', () => {
		const ahead = { plan: 1_000_000_000n, executed: 950_000_000n };
		expect(december(78_150_684n, ahead)?.level).toBe('severe'); // 340/365 − 78.150684% ≥ 15 pp
		expect(december(78_150_685n, ahead)?.level).toBe('warning'); // 14.99999985 pp
		expect(december(78_150_685n, ahead)?.explanation.formula.en).toBe(
			'time progress − execution rate'
		);
		expect(december(80_000_000n, { plan: 0n, executed: 0n })?.level).toBe('warning'); // 13.15 pp
	});
});
