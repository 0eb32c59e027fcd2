import { describe, expect, it } from 'vitest';
import {
	allocateToLines,
	compareSpecificity,
	lineCovers,
	lineMatcher,
	type LineCodes
} from './plan-match';

/** The matching rule as DESIGN.md states it, one scan over every line: the reference lineMatcher must agree with. */
function mostSpecificLine<L extends LineCodes>(
	lines: readonly L[],
	codes: LineCodes
): L | undefined {
	let best: L | undefined;
	for (const line of lines) {
		if (!lineCovers(line, codes)) continue;
		if (!best || compareSpecificity(line, best) < 0) best = line;
	}
	return best;
}
/** lineMatcher's answer as the line itself. */
const matched = <L extends LineCodes>(lines: readonly L[], codes: LineCodes): L | undefined => {
	const i = lineMatcher(lines)(codes);
	return i === -1 ? undefined : lines[i];
};

const line = (funcCode: string, econCode = '', projectCode = '') => ({
	funcCode,
	econCode,
	projectCode
});
const spend = (funcCode: string, econCode: string, amount: bigint, projectCode = '') => ({
	funcCode,
	econCode,
	projectCode,
	amount,
	payments: 1
});

describe('plan-line matching', () => {
	it('lets a plan at 205 cover a payment at 2050202 but not one at 2060101', () => {
		expect(lineCovers(line('205'), line('2050202', '30201'))).toBe(true);
		expect(lineCovers(line('205'), line('2060101', '30201'))).toBe(false);
	});

	it('covers a project payment only by a line of that project or a line without project', () => {
		expect(lineCovers(line('2130305', '309', 'P1'), line('2130305', '30905', 'P1'))).toBe(true);
		expect(lineCovers(line('2130305', '309', 'P1'), line('2130305', '30905', 'P2'))).toBe(false);
		expect(lineCovers(line('2130305', '309'), line('2130305', '30905', 'P2'))).toBe(true);
	});

	it('picks the most specific covering line: project, then function length, then economic length', () => {
		const lines = [
			line('205'),
			line('20502', '302'),
			line('2050202', '302'),
			line('2050202', '30217'),
			line('2050202', '', 'P9')
		];
		expect(matched(lines, line('2050202', '30217'))).toBe(lines[3]);
		expect(matched(lines, line('2050202', '30201'))).toBe(lines[2]);
		expect(matched(lines, line('2050203', '30201'))).toBe(lines[1]);
		expect(matched(lines, line('2050203', '30101'))).toBe(lines[0]);
		expect(matched(lines, line('2050202', '30905', 'P9'))).toBe(lines[4]);
		expect(matched(lines, line('2100201', '30201'))).toBeUndefined();
	});

	it('allocates every fen once: lines plus spending without a plan add up to the whole', () => {
		const lines = [line('205'), line('2050202', '302')];
		const spending = [
			spend('2050202', '30201', 100_00n),
			spend('2050203', '30101', 250_50n),
			spend('2100201', '30201', 7_05n),
			spend('2050202', '30201', -1_00n)
		];
		const a = allocateToLines(lines, spending);
		expect(a.executed).toEqual([250_50n, 99_00n]);
		expect(a.unplanned).toBe(7_05n);
		expect(a.unplannedSpending).toHaveLength(1);
		expect(a.executed.reduce((s, v) => s + v, 0n) + a.unplanned).toBe(
			100_00n + 250_50n + 7_05n - 1_00n
		);
	});

	it('matches through the index exactly as the scan over every line does, ties to the earlier line', () => {
		// A seeded generator: many departments' worth of lines and codes, with prefixes, projects and repeats.
		let seed = 7;
		const next = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % n;
		};
		const funcs = ['', '205', '20502', '2050202', '2050203', '210', '21004', '2100409', '2130305'];
		const econs = ['', '302', '30201', '30217', '309', '30905', '310'];
		const projects = ['', '', '', 'P1', 'P2'];
		for (let round = 0; round < 200; round++) {
			const lines = Array.from({ length: 1 + next(30) }, () =>
				line(funcs[next(funcs.length)], econs[next(econs.length)], projects[next(projects.length)])
			);
			const match = lineMatcher(lines);
			for (let k = 0; k < 50; k++) {
				const codes = line(
					funcs[1 + next(funcs.length - 1)],
					econs[1 + next(econs.length - 1)],
					projects[next(projects.length)]
				);
				const scanned = mostSpecificLine(lines, codes);
				expect(match(codes)).toBe(scanned === undefined ? -1 : lines.indexOf(scanned));
			}
		}
	});
});
