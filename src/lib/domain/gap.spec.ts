import { describe, expect, it } from 'vitest';
import { leverageOf } from './assets';
import { timeProgress } from './fiscal';
import { type FiscalDate } from './calendar';
import { exactGap, progressByMonth, progressOf, roundedRatio } from './gap';
import { gapPoints } from './period';
import { ratio } from './money';

/** A small seeded generator (mulberry32), so a failure names its seed and repeats. */
function generator(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
	const big = (digits: number) => {
		let v = 0n;
		for (let i = 0; i < digits; i++) v = v * 10n + BigInt(int(0, 9));
		return v;
	};
	return { int, big };
}

/** The decimal text as an integer of its last digit: "34.17" → 3417n, "-0.05" → -5n. */
const scaledOf = (text: string) => BigInt(text.replace('.', ''));

/**
 * True when `shown` (scaled) is num/den rounded once to the nearest, ties away from zero — checked
 * by cross-multiplying, independent of the code under test: |num − shown·den|·2 ≤ |den|.
 */
function isRoundedOnce(shown: bigint, num: bigint, den: bigint): boolean {
	if (den < 0n) [num, den] = [-num, -den];
	const off = num - shown * den; // (exact − shown) · den
	const twice = 2n * (off < 0n ? -off : off);
	if (twice < den) return true;
	if (twice > den) return false;
	return num > 0n ? off < 0n : off > 0n; // a tie: away from zero
}

function randomDate(g: ReturnType<typeof generator>, year: number): FiscalDate {
	const month = g.int(1, 12);
	const day = g.int(1, 28);
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('exact gaps (偏差), rounded once', () => {
	it('differs from subtracting the rounded 序时进度 at some dates (34.17 exact, 34.18 shown before)', () => {
		// Found by the search below: a case where subtracting from the four-decimal 序时进度 is off.
		const g = generator(138);
		let found = 0;
		for (let i = 0; i < 20_000 && found < 3; i++) {
			const year = g.int(2000, 2099);
			const asOf = randomDate(g, year);
			const plan = g.big(g.int(3, 13)) + 1n;
			const executed = (plan * BigInt(g.int(0, 1200))) / 1000n;
			const tp = progressOf(asOf, year);
			const exact = exactGap(tp, executed, plan)!;
			const old = gapPoints(timeProgress(asOf, year), ratio(executed, plan))!;
			if (exact !== old) found++;
		}
		expect(found).toBeGreaterThan(0); // the old way is wrong at some dates; the property below holds at all
	});

	it('every gap equals time progress − rate computed exactly and rounded once (pages, reports, alerts)', () => {
		for (const seed of [1, 2, 3, 42, 2026]) {
			const g = generator(seed);
			for (let i = 0; i < 4000; i++) {
				const year = g.int(2000, 2099);
				const monthEnd = g.int(0, 3) === 0;
				const tp = monthEnd ? progressByMonth(g.int(1, 12)) : progressOf(randomDate(g, year), year);
				const plan = (g.big(g.int(1, 14)) + 1n) * (g.int(0, 20) === 0 ? -1n : 1n);
				const executed = (plan * BigInt(g.int(-50, 1500))) / 1000n + BigInt(g.int(-99, 99));
				const digits = g.int(1, 2); // alerts show one decimal, pages two
				const shown = exactGap(tp, executed, plan, digits)!;
				// exact gap in pp × 10^digits = 100·10^digits·(tp − executed/plan)
				const scale = 100n * 10n ** BigInt(digits);
				const num = (tp.num * plan - executed * tp.den) * scale;
				expect(
					isRoundedOnce(scaledOf(shown), num, tp.den * plan),
					`seed ${seed} case ${i}: ${tp.num}/${tp.den} − ${executed}/${plan} shown ${shown}`
				).toBe(true);
			}
		}
		expect(exactGap(progressOf('2026-06-30', 2026), 0n, 0n)).toBeNull();
	});

	it('time progress itself: the day of the year over its days, 0 before and 1 after the year', () => {
		expect(progressOf('2026-12-06', 2026)).toMatchObject({ num: 340n, den: 365n, text: '0.9315' });
		expect(progressOf('2025-12-31', 2026)).toMatchObject({ num: 0n, den: 1n });
		expect(progressOf('2027-01-01', 2026)).toMatchObject({ num: 1n, den: 1n });
		expect(progressByMonth(10)).toMatchObject({ num: 10n, den: 12n, text: '0.8333' });
	});
});

describe('asset ratios, rounded half up (never truncated)', () => {
	it('资产负债率 shown is liabilities / assets rounded once to 8 decimals', () => {
		expect(leverageOf('1000000', '725465.376')).toBe('0.72546538'); // truncated it read 0.72546537
		for (const seed of [7, 8, 9]) {
			const g = generator(seed);
			for (let i = 0; i < 3000; i++) {
				const assets = g.big(g.int(1, 14)) + 1n;
				const liabilities = (assets * BigInt(g.int(0, 3000))) / 1000n + BigInt(g.int(0, 99));
				const text = (v: bigint) => `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
				const shown = leverageOf(text(assets), text(liabilities))!;
				expect(
					isRoundedOnce(scaledOf(shown), liabilities * 10n ** 8n, assets),
					`${liabilities}/${assets}`
				).toBe(true);
				expect(roundedRatio(liabilities, assets, 8)).toBe(shown);
			}
		}
	});
});
