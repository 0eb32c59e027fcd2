/**
 * Plan-line matching (DESIGN.md): a payment executes the most specific plan line of its department
 * whose codes equal or are prefixes of the payment's codes (a plan at 205 covers a payment at
 * 2050202; a project line only covers payments of that project). With no such line the payment is
 * spending without a plan (无预算支出).
 */
import { covers } from './codes';
import type { Fen } from './money';

export interface LineCodes {
	funcCode: string;
	econCode: string;
	projectCode: string;
}

/** Whether `line` covers spending with `codes` (both of the same department, year and budget kind). */
export function lineCovers(line: LineCodes, codes: LineCodes): boolean {
	return (
		covers(line.funcCode, codes.funcCode) &&
		covers(line.econCode, codes.econCode) &&
		(line.projectCode === '' || line.projectCode === codes.projectCode)
	);
}

/** Orders lines from most to least specific: a project line first, then the longer function, then economic code. */
export function compareSpecificity(a: LineCodes, b: LineCodes): number {
	const project = Number(b.projectCode !== '') - Number(a.projectCode !== '');
	if (project !== 0) return project;
	if (a.funcCode.length !== b.funcCode.length) return b.funcCode.length - a.funcCode.length;
	return b.econCode.length - a.econCode.length;
}

export interface Spending extends LineCodes {
	amount: Fen;
	payments: number;
}

export interface Allocation<L> {
	/** Executed per line, in the order of `lines`. */
	executed: Fen[];
	payments: number[];
	/** Spending no line covers. */
	unplanned: Fen;
	unplannedPayments: number;
	/** The uncovered spending by its codes, largest first. */
	unplannedSpending: Spending[];
	lines: readonly L[];
}

/**
 * The line spending with given codes executes — the most specific covering line, ties to the earlier
 * one — as its position in `lines`, or -1 (无预算支出). The lines are indexed by function code once,
 * so each lookup checks only the lines whose function code is a prefix of the codes' (a department's
 * spending has hundreds of codes and its plan dozens of lines).
 */
export function lineMatcher(lines: readonly LineCodes[]): (codes: LineCodes) => number {
	const byFunc = new Map<string, number[]>();
	lines.forEach((l, i) => {
		const at = byFunc.get(l.funcCode);
		if (at) at.push(i);
		else byFunc.set(l.funcCode, [i]);
	});
	const lengths = [...new Set(lines.map((l) => l.funcCode.length))].sort((a, b) => a - b);
	return (codes) => {
		let best = -1;
		for (const length of lengths) {
			if (length > codes.funcCode.length) break;
			for (const i of byFunc.get(codes.funcCode.slice(0, length)) ?? []) {
				if (!lineCovers(lines[i], codes)) continue;
				const order = best === -1 ? -1 : compareSpecificity(lines[i], lines[best]);
				if (order < 0 || (order === 0 && i < best)) best = i;
			}
		}
		return best;
	};
}

/** Allocates a department's spending (grouped by its codes) to its plan lines. Exact: bigint fen. */
export function allocateToLines<L extends LineCodes>(
	lines: readonly L[],
	spending: readonly Spending[]
): Allocation<L> {
	const executed = lines.map(() => 0n);
	const payments = lines.map(() => 0);
	const match = lineMatcher(lines);
	let unplanned = 0n;
	let unplannedPayments = 0;
	const unplannedSpending: Spending[] = [];
	for (const s of spending) {
		const i = match(s);
		if (i === -1) {
			unplanned += s.amount;
			unplannedPayments += s.payments;
			unplannedSpending.push(s);
		} else {
			executed[i] += s.amount;
			payments[i] += s.payments;
		}
	}
	unplannedSpending.sort((a, b) => (a.amount === b.amount ? 0 : a.amount < b.amount ? 1 : -1));
	return { executed, payments, unplanned, unplannedPayments, unplannedSpending, lines };
}
