// What changed in a list of cases between two reads: cases new to it and cases whose level rose, so a
// live page can announce them in words.
import { LEVELS, type Level } from '../domain/alert-text';

export interface CaseLike {
	id: number;
	level: Level;
}

/** The list as remembered between reads: each case's level by id. */
export type SeenCases = Map<number, Level>;

export function seenCases(rows: readonly CaseLike[]): SeenCases {
	return new Map(rows.map((r) => [r.id, r.level]));
}

/** Rows new since `before` and rows whose level rose since it (severe outranks warning outranks notice). */
export function caseNews<R extends CaseLike>(
	before: SeenCases,
	rows: readonly R[]
): { added: R[]; raised: R[] } {
	const rank = (l: Level) => LEVELS.length - LEVELS.indexOf(l);
	const added: R[] = [];
	const raised: R[] = [];
	for (const r of rows) {
		const was = before.get(r.id);
		if (was === undefined) added.push(r);
		else if (rank(r.level) > rank(was)) raised.push(r);
	}
	return { added, raised };
}
