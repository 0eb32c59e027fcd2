/**
 * The department drill-down, department → budget unit → project, each with plan against execution
 * as of a date: the door the routes import (`departments.department(q, '122')`). One page per module:
 * department.ts (the ranking and one department), unit.ts, project.ts; reads.ts holds what they share.
 */
export { departments, department } from './department';
export type {
	DepartmentsPage,
	DepartmentPage,
	UnitRow,
	ProjectRow,
	UnplannedSpending
} from './department';
export { unit, type UnitPage, type UnitProjectRow } from './unit';
export { project, type ProjectPage } from './project';
export type { Named, PlanLineRow, MonthlyAmount } from './reads';
