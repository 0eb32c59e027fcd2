import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from './params';
import { judgeRevenueLag, type RevenueLagInput } from './revenue-lag';

const p = DEFAULT_PARAMS.revenueLag;
const scope = { zh: '10101 增值税', en: '10101 VAT' };
// 2026-07-31: time progress 212/365 = 58.0822%. Plan 1,000,000.00 元 = 100,000,000 fen, so collecting
// 58,082,200 fen is exactly on time (no progress gap) and only the year-on-year part can fire.
const onTime = 58_082_200n;
const at = (input: Partial<RevenueLagInput>) =>
	judgeRevenueLag(
		{
			scope,
			year: 2026,
			asOf: '2026-07-31',
			plan: 100_000_000n,
			executed: onTime,
			lastYear: null,
			lastYearAsOf: '2025-07-31',
			...input
		},
		p
	);
/** Last year's same period for a decline of exactly `percent` (this year = onTime). */
const lastYearFor = (percent: bigint) => (onTime * 100n) / (100n - percent);

describe('revenue lag (收入进度): year-on-year decline', () => {
	it('stays quiet without last year, or when collections grew', () => {
		expect(at({})).toBeNull();
		expect(at({ lastYear: 0n })).toBeNull();
		expect(at({ lastYear: 50_000_000n })).toBeNull();
	});
	it('fires at a 5 % decline, not just below, and escalates at 10 and 15 %', () => {
		expect(at({ lastYear: 61_139_000n })).toBeNull(); // (61,139,000 − 58,082,200) / 61,139,000 = 4.9997 %
		expect(at({ lastYear: 61_139_158n })?.level).toBe('notice'); // 5.00000 %
		expect(at({ lastYear: lastYearFor(10n) + 1n })?.level).toBe('warning');
		expect(at({ lastYear: lastYearFor(10n) - 100n })?.level).toBe('notice');
		const severe = at({ lastYear: 100_000_000n })!; // 41.9 % down
		expect(severe.level).toBe('severe');
		expect(severe.explanation.summary.zh).toBe('10101 增值税：收入同比下降 41.9% ≥ 严重阈值 15%');
		expect(severe.explanation.threshold).toEqual({ level: 'severe', value: '15', unit: 'percent' });
		expect(severe.explanation.inputs.map((i) => [i.label.zh, i.value])).toEqual([
			['本年收入数', '580822.00'],
			['截至', '2026-07-31'],
			['上年同期收入数', '1000000.00'],
			['上年同期截至', '2025-07-31'],
			['同比下降', '41.9']
		]);
	});
	it('gives one verdict: the higher of progress gap and decline, the progress gap on a tie', () => {
		// 8 pp behind time progress (notice) and 20 % down on last year (severe): severe, the decline.
		const behind = onTime - 8_000_000n;
		const both = at({ executed: behind, lastYear: (behind * 100n) / 80n })!;
		expect(both.level).toBe('severe');
		expect(both.explanation.formula.zh).toContain('上年同期');
		// 16 pp behind (severe) and 6 % down (notice): severe, the progress gap.
		const late = onTime - 16_000_000n;
		const progress = at({ executed: late, lastYear: (late * 100n) / 94n })!;
		expect(progress.level).toBe('severe');
		expect(progress.explanation.formula.zh).toBe('序时进度 − 收入进度');
		// both warning: the progress gap is the one explained
		const tie = at({
			executed: onTime - 11_000_000n,
			lastYear: ((onTime - 11_000_000n) * 100n) / 88n
		})!;
		expect(tie.level).toBe('warning');
		expect(tie.explanation.formula.zh).toBe('序时进度 − 收入进度');
	});
	it('does not judge the decline before March, nor a year other than the as-of year', () => {
		expect(
			at({
				asOf: '2026-02-28',
				executed: 1n,
				plan: 0n,
				lastYear: 100_000_000n,
				lastYearAsOf: '2025-02-28'
			})
		).toBeNull();
		expect(
			at({
				asOf: '2026-03-01',
				executed: 1n,
				plan: 0n,
				lastYear: 100_000_000n,
				lastYearAsOf: '2025-03-01'
			})?.level
		).toBe('severe');
		expect(at({ asOf: '2027-01-15', plan: 0n, lastYear: 100_000_000n })).toBeNull();
	});
	it('counts refunds: a year whose net collections are negative is a decline of over 100 %', () => {
		const v = at({ executed: -1_000n, plan: 0n, lastYear: 1_000_000n })!;
		expect(v.level).toBe('severe');
		expect(v.explanation.inputs.at(-1)!.value).toBe('100.1');
	});
});
