/**
 * The demo year's rhythm: how spending and collections spread over the twelve months (slow
 * January–February, quarter-end bumps, a December peak), and how each year and department leans
 * early or late.
 */
import { clamp } from './numbers';
import { Random } from './random';
import type { PaymentPattern } from './plan-lines';

/** Monthly spending shapes (sum to 1): goods follow the national shape, works are back-loaded. */
export const SHAPE = {
	flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((w) => w / 12),
	goods: [0.055, 0.055, 0.095, 0.08, 0.08, 0.115, 0.08, 0.07, 0.085, 0.06, 0.065, 0.16],
	works: [0.025, 0.03, 0.06, 0.075, 0.085, 0.12, 0.085, 0.085, 0.11, 0.08, 0.085, 0.16],
	transfers: [0.06, 0.06, 0.1, 0.07, 0.07, 0.1, 0.07, 0.07, 0.1, 0.07, 0.07, 0.16],
	quarterly: [0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25],
	interest: [0, 0, 0.2, 0, 0, 0.3, 0, 0, 0.2, 0, 0, 0.3],
	revenue: [0.1, 0.06, 0.08, 0.1, 0.09, 0.09, 0.09, 0.07, 0.08, 0.09, 0.07, 0.08]
};

/** A deterministic fraction of a 项's execution by month, per payment pattern. */
export function shapeOf(pattern: PaymentPattern): number[] {
	switch (pattern) {
		case 'payroll':
		case 'bulk':
			return SHAPE.flat;
		case 'works':
			return SHAPE.works;
		case 'lump':
			return SHAPE.quarterly;
		case 'transfer':
			return SHAPE.transfers;
		case 'interest':
			return SHAPE.interest;
		default:
			return SHAPE.goods;
	}
}

/**
 * How a department's spending (salaries and debt service aside) leans within a given year: −0.5
 * (early) to 0.5 (late), a city-wide lean of the year plus the department's own, from their own
 * random streams, so no two years of the demo have the same curve.
 */
export function yearPace(year: number, seed: number): (deptCode: string) => number {
	const rng = new Random(seed).fork(year * 13 + 5);
	const city = 0.2 * rng.normal();
	return (deptCode) => clamp(city + 0.15 * rng.fork(Number(deptCode)).normal(), -0.5, 0.5);
}

/** A monthly shape leaned by `tilt` (later months weigh up to 1 + tilt, earlier ones 1 − tilt), same total. */
export function tilted(shape: number[], tilt: number): number[] {
	const leaned = shape.map((v, i) => v * (1 + (tilt * (i - 5.5)) / 5.5));
	const scale = shape.reduce((a, b) => a + b, 0) / leaned.reduce((a, b) => a + b, 0);
	return leaned.map((v) => v * scale);
}

/** A line's monthly shape in a year: salaries and debt service keep theirs, the rest lean with `pace`. */
export function lineShape(
	pattern: PaymentPattern,
	deptCode: string,
	pace: (deptCode: string) => number
): number[] {
	return pattern === 'payroll' || pattern === 'interest'
		? shapeOf(pattern)
		: tilted(shapeOf(pattern), pace(deptCode));
}
