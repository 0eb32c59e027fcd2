/** 调整预算: the standing committee's mid-year adjustment of the demo budget. */
import type { DemoPlanLine } from './plan-lines';

/** The adjustment is effective on its approval date. */
export const ADJUSTMENT_DATE = (year: number) => `${year}-08-27`;

/** Lines adjusted mid-year and by how much: works accelerated, reserve drawn down. */
export function adjustedAmount(line: DemoPlanLine): bigint | undefined {
	if (line.deptCode === '139' && line.pattern === 'works') return (line.amount * 110n) / 100n;
	if (line.deptCode === '128' && line.pattern === 'bulk') return (line.amount * 105n) / 100n;
	if (line.deptCode === '190' && line.pattern === 'none') return (line.amount * 70n) / 100n;
	return undefined;
}
