/**
 * The demo city (安澜市, fictional, 市本级 scale of a mid-size Hubei prefecture city): its units and
 * plan lines, generated from a fixed seed so tests can rely on them. Shape follows domain.md.
 */
import { anomalyPlanLines, LAGGING_DEPARTMENTS } from './anomalies';
import { plantedPlanLines } from './planted';
import { departments, type DepartmentSpec } from './departments';
import { clamp } from './numbers';
import { otherBudgetLines } from './other-budgets';
import { departmentLines, type DemoPlanLine } from './plan-lines';
import { Random } from './random';

export const DEMO_SEED = 20_261_128;
export const DEMO_CITY_NAME = '安澜市';

export interface DemoUnit {
	code: string;
	name: string;
	parentCode?: string;
}

export interface DemoCity {
	name: string;
	units: DemoUnit[];
	lines: DemoPlanLine[];
}

/** Splits a department's plan into lines by function 项, economic class and project. */
export function buildDemoCity(year: number, seed = DEMO_SEED): DemoCity {
	const rng = new Random(seed).fork(year);
	const units: DemoUnit[] = [];
	const lines: DemoPlanLine[] = [];
	for (const dept of departments) {
		const r = rng.fork(Number(dept.code));
		const deptUnits = departmentUnits(dept);
		units.push(...deptUnits);
		const unitCodes = deptUnits.slice(1).map((u) => u.code);
		// Execution of the year's plan this department reaches by year end: mostly near 100%,
		// a few departments lag (their works are late), which the alert rules should find.
		const deptExecution =
			LAGGING_DEPARTMENTS[dept.code] ?? clamp(0.985 + 0.05 * r.normal(), 0.9, 1.06);
		lines.push(...departmentLines(dept, year, unitCodes, deptExecution, r));
	}
	lines.push(...anomalyPlanLines());
	// The other budgets last: the general budget's lines keep their index, hence their random streams.
	lines.push(...otherBudgetLines(year, rng.fork(2)));
	// Ground truth (planted.ts) last, so no other line changes its index.
	lines.push(...plantedPlanLines());
	return { name: DEMO_CITY_NAME, units, lines };
}

/** A department (主管部门), its office (机关, `…001`) and the units under it (`…002` on). */
function departmentUnits(dept: DepartmentSpec): DemoUnit[] {
	return [
		{ code: dept.code, name: dept.name },
		{ code: `${dept.code}001`, name: `${dept.name}（本级）`, parentCode: dept.code },
		...(dept.units ?? []).map((name, i) => ({
			code: `${dept.code}${String(i + 2).padStart(3, '0')}`,
			name,
			parentCode: dept.code
		}))
	];
}
