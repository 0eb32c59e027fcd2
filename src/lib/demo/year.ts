/**
 * The demo city's fiscal year through a date, as the records of each kind the app ingests: the one
 * list the demo seed sends (src/lib/server/seed/demo.ts) and tests and benches replay
 * (tests/support/demo-replay.ts). How each sends them (batches, order, what is later than now) is
 * theirs; what the year holds is decided here.
 */
import { demoAnomalies } from './anomalies';
import { demoAssetReports } from './assets';
import { demoAuditRecords } from './audit';
import { buildDemoCity, type DemoCity } from './city';
import { demoBondPayments, demoBondPlans, demoDebtRecords, plannedInterest } from './debt';
import { generatePayments, type DemoPayment } from './payments';
import { demoPlanRecords } from './plan-records';
import { plantedPayments } from './planted';
import { generateRevenue } from './revenue';

export interface DemoYear {
	city: DemoCity;
	/** The year's budget (and its adjustment), as plan records. */
	plans: ReturnType<typeof demoPlanRecords>;
	/** The city's payments with the anomalies planted among them, unsorted; not the bond projects'. */
	payments: DemoPayment[];
	revenue: ReturnType<typeof generateRevenue>;
	/** The state-asset report heard this year (of the year before). */
	assets: ReturnType<typeof demoAssetReports>;
	/** The special-bond projects' plans and payments. */
	bondPlans: ReturnType<typeof demoBondPlans>;
	bondPayments: ReturnType<typeof demoBondPayments>;
	/** The city's debt month by month through the date. */
	debt: ReturnType<typeof demoDebtRecords>;
	/** The audit findings reported in the year. */
	audit: ReturnType<typeof demoAuditRecords>;
}

/** Fiscal `year` through `through` (YYYY-MM-DD), from the random `seed` (default the demo's). */
export function demoYear(year: number, through: string, seed?: number): DemoYear {
	const city = buildDemoCity(year, seed);
	return {
		city,
		plans: demoPlanRecords(city, year, through),
		payments: [
			...generatePayments(city, { year, through, seed }),
			...demoAnomalies(year, through),
			...plantedPayments(year, through)
		],
		revenue: generateRevenue({ year, through, seed }),
		assets: demoAssetReports(year),
		bondPlans: demoBondPlans(year),
		bondPayments: demoBondPayments(year, through),
		debt: demoDebtRecords(year, through, plannedInterest(city.lines)),
		audit: demoAuditRecords(year)
	};
}
