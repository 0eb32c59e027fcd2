/** The demo city's plans as ingest records: spending lines (initial, then adjusted) and revenue plans. */
import { fenToYuan } from '../domain/money';
import { ADJUSTMENT_DATE, adjustedAmount } from './adjustment';
import type { DemoCity } from './city';
import type { DemoPlanLine } from './plan-lines';
import { demoRevenuePlan } from './revenue';

/** The mid-year adjustment is sent once `through` reaches its date. */
export function demoPlanRecords(
	city: DemoCity,
	year: number,
	through: string
): Record<string, unknown>[] {
	return [
		...city.lines.flatMap((line, i) => spendingPlanRecords(line, i, year, through)),
		...revenuePlanRecords(year)
	];
}

function spendingPlanRecords(
	line: DemoPlanLine,
	index: number,
	year: number,
	through: string
): Record<string, unknown>[] {
	const base = {
		year,
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		funcCode: line.funcCode,
		econCode: line.econCode,
		projectCode: line.projectCode,
		projectName: line.projectName
	};
	const records: Record<string, unknown>[] = [
		{ ...base, id: `P${year}-I-${index + 1}`, stage: 'initial', amount: fenToYuan(line.amount) }
	];
	const adjusted = adjustedAmount(line);
	if (adjusted !== undefined && ADJUSTMENT_DATE(year) <= through)
		records.push({
			...base,
			id: `P${year}-A-${index + 1}`,
			stage: 'adjusted',
			amount: fenToYuan(adjusted),
			effectiveOn: ADJUSTMENT_DATE(year)
		});
	return records;
}

function revenuePlanRecords(year: number): Record<string, unknown>[] {
	return demoRevenuePlan().map((line, i) => ({
		id: `RP${year}-I-${i + 1}`,
		year,
		budgetKind: line.budgetKind,
		stage: 'initial',
		side: 'revenue',
		subjectCode: line.subjectCode,
		amount: fenToYuan(line.amount)
	}));
}
