/**
 * The demo city's seed (`npm start` on an empty database) judges what it stores as a restart would:
 * the open cases right after the first start are those the restarted server's first periodic run
 * finds, the audit findings overdue today included, whichever year's list they came in.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../db/client';
import { fiscalToday } from '../../src/lib/domain/fiscal';
import { evaluatePeriodic, openAlertCounts } from '../../src/lib/server/alerts/index';
import { seedDemo, seedDemoHistory } from '../../src/lib/server/seed/index';
import { databaseTargets } from '../support/databases';

const TZ = 'Asia/Shanghai';
const SEED_MS = 600_000;

/** The findings with an active 审计整改逾期 alert, sorted. */
async function overdueAlerts(database: Database): Promise<string[]> {
	const found = await rows<{ id: string }>(
		database.db,
		sql`select subject_key as id from alert
			where rule_type = 'auditOverdue' and status in ('open', 'acknowledged') order by 1`
	);
	return found.map((r) => r.id);
}

/** Findings of the audit list reported in `reportYear` (the audit of the year before) past due and not rectified today. */
async function overdueOnRecord(database: Database, reportYear: number): Promise<string[]> {
	const found = await rows<{ id: string }>(
		database.db,
		sql`select id from audit_finding
			where year = ${reportYear - 1} and status in ('open', 'partial') and due_date < ${fiscalToday(TZ)}::date
			order by 1`
	);
	return found.map((r) => r.id);
}

/**
 * What the restarted server shows: its scheduler's first run (no state yet: every periodic rule),
 * as of now; returns the open cases of the year before and after it.
 */
async function restartRun(database: Database, year: number) {
	const before = await openAlertCounts(database.db, year);
	await evaluatePeriodic(database.db, new Date(), undefined, { tz: TZ, state: {} });
	return { before, after: await openAlertCounts(database.db, year) };
}

const open: (Database & { drop(): Promise<void> })[] = [];
afterAll(async () => {
	for (const d of open) await d.drop();
});

describe.each(databaseTargets)('the demo city seeded on first start on $name', (target) => {
	const today = fiscalToday(TZ);
	const year = Number(today.slice(0, 4));

	it.skipIf(target.unavailable)(
		'counts the findings of last year’s audit list overdue today as cases at once, as a restart does',
		async () => {
			const database = await target.open();
			open.push(database);
			await seedDemo(database, { year, through: today, tz: TZ });
			// The list reported last year is on record, and some of its findings are overdue today.
			const lastYearsList = await overdueOnRecord(database, year - 1);
			expect(lastYearsList.length).toBeGreaterThan(0);
			const alerted = await overdueAlerts(database);
			expect(alerted).toEqual(expect.arrayContaining(lastYearsList));
			expect(alerted).toEqual(
				[...lastYearsList, ...(await overdueOnRecord(database, year))].sort()
			);
			const { before, after } = await restartRun(database, year);
			expect(after).toEqual(before);
			expect(await overdueAlerts(database)).toEqual(alerted);
		},
		SEED_MS
	);

	it.skipIf(target.unavailable)(
		'judges what last year’s seed brings on record (its audit list) as of today, not only as of last year’s end',
		async () => {
			const database = await target.open();
			open.push(database);
			// What the server seeds in the background after the first start: last year, complete.
			expect(await seedDemoHistory(database, { year, through: today, tz: TZ })).toBe('seeded');
			const overdue = await overdueOnRecord(database, year - 1);
			expect(overdue.length).toBeGreaterThan(0);
			expect(await overdueAlerts(database)).toEqual(overdue);
			const { before, after } = await restartRun(database, year);
			expect(after).toEqual(before);
			expect(before.total).toBeGreaterThanOrEqual(overdue.length);
		},
		SEED_MS
	);
});
