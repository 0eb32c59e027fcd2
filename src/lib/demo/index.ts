/**
 * The demo city (安澜市): pure generators of its structure and its year — units and plan lines,
 * payments, revenue, the state-asset report, the anomalies planted for supervision to find, and the
 * live feed's payments — from a seeded random source, the same on every machine. The server's demo
 * seed and the ingest worker's simulator both take their data from here; nothing here does I/O.
 *
 * One file per thing generated: city.ts (units, the year's plan lines), plan-lines.ts and
 * other-budgets.ts (the lines of each budget), adjustment.ts, plan-records.ts, payments.ts with
 * month-payments.ts, revenue.ts, assets.ts, anomalies.ts, live-payments.ts; year.ts the records of a
 * whole year that the seed sends and tests replay; data tables in
 * departments.ts, payees.ts, project-names.ts; the year's rhythm in shapes.ts and calendar.ts.
 */
export { ADJUSTMENT_DATE, adjustedAmount } from './adjustment';
export { DEMO_FEED_GAP, demoAnomalies } from './anomalies';
export {
	matchPlanted,
	PLANTED,
	plantedPayments,
	findingItem,
	type FoundItem,
	type PlantedAnomaly
} from './planted';
export { demoAssetReports, type DemoAssetReport } from './assets';
export {
	demoBondPayments,
	demoBondPlans,
	demoDebtRecords,
	demoDebtYearRecords,
	plannedInterest
} from './debt';
export {
	demoAuditFindings,
	demoAuditRecords,
	demoAuditReport,
	type DemoAuditFinding
} from './audit';
export { buildDemoCity, DEMO_CITY_NAME, DEMO_SEED, type DemoCity, type DemoUnit } from './city';
export { liveFeedLines, liveLineWeight, livePayment } from './live-payments';
export {
	paceSegments,
	paymentsPerHourAt,
	PAYMENTS_PER_WORKING_DAY,
	type PaceSegment
} from './calendar';
export { generatePayments, type DemoPayment, type PaymentGenerationOptions } from './payments';
export { demoPlanRecords } from './plan-records';
export type { DemoBudgetKind, DemoPlanLine, PaymentPattern } from './plan-lines';
export { Random } from './random';
export {
	demoRevenuePlan,
	generateRevenue,
	type DemoRevenue,
	type DemoRevenueLine
} from './revenue';
export { demoYear, type DemoYear } from './year';
