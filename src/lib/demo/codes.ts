/** The classification codes a demo payment carries: function 项 names, economic 款 under a 类. */
import { functionCodes } from '../domain/reference-codes';
import type { DemoPlanLine } from './plan-lines';
import type { Random } from './random';

const funcName = new Map(functionCodes.map((c) => [c.code, c.name]));

/** The reference name of a function 项, or undefined for a code the table does not name. */
export function functionName(code: string): string | undefined {
	return funcName.get(code);
}

/** Goods and services 款 (302xx) by how often a treasury pays on them. */
export const GOODS_ECON: readonly (readonly [string, number])[] = [
	['30201', 14],
	['30202', 3],
	['30205', 2],
	['30206', 4],
	['30207', 3],
	['30209', 5],
	['30211', 9],
	['30213', 6],
	['30214', 2],
	['30215', 3],
	['30216', 4],
	['30218', 5],
	['30226', 7],
	['30227', 8],
	['30228', 2],
	['30229', 2],
	['30239', 3],
	['30299', 12]
];

/** The economic 款 of one payment on a line planned at a 类 (a line planned at a 款 keeps it). */
export function economicCodeOf(line: DemoPlanLine, r: Random): string {
	if (line.econCode.length === 5) return line.econCode;
	switch (line.econCode) {
		case '301':
			return r.weighted(
				['30101', '30102', '30107', '30103'] as const,
				(e) => ({ '30101': 4, '30102': 3, '30107': 3, '30103': 0.5 })[e]
			);
		case '302':
			return r.weighted(GOODS_ECON, (e) => e[1])[0];
		case '303':
			return r.pick(['30305', '30399', '30302'] as const);
		case '307':
			return '30701';
		case '309':
			return r.pick(['30905', '30901', '30906'] as const);
		case '310':
			return r.pick(['31002', '31003', '31007'] as const);
		case '312':
			return r.pick(['31299', '31203', '31204'] as const);
		case '313':
			return '31302';
		default:
			return `${line.econCode}99`;
	}
}
