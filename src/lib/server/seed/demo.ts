/**
 * Seeds the demo city (first start of an empty database, then last year in the background) through
 * the app's own doors: every record goes through ingest like real data (validation, rollups, live
 * events), then the alert rules judge the loaded year once.
 */
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../../../db/client';
import {
	buildDemoCity,
	demoAssetReports,
	demoAuditRecords,
	demoDebtYearRecords,
	demoYear,
	plannedInterest,
	type DemoPayment,
	type DemoYear
} from '../../demo';
import { fiscalToday } from '../../domain/fiscal';
import { evaluateYear } from '../alerts/index';
import { ingestBatch } from '../ingest/index';
import type { LiveHub } from '../runtime';

export async function hasBudgetData(database: Database): Promise<boolean> {
	const [r] = await rows<{ n: number }>(
		database.db,
		sql`select (select count(*) from budget_unit)::int as n`
	);
	return r.n > 0;
}

export interface DemoSeedOptions {
	year: number;
	/** Payments are generated through this fiscal date (YYYY-MM-DD). */
	through: string;
	tz: string;
	seed?: number;
	log?: (message: string) => void;
	/** Live events of the seeded batches go here (pages follow a seed that runs after start). */
	live?: LiveHub;
	/** Stops the seed between batches (shutdown); what was sent stays, a later seed resumes. */
	signal?: AbortSignal;
}

const BATCH = 5000;
const PAYMENT_WINDOW = 4;

type SeedKind = 'unit' | 'plan' | 'payment' | 'revenue' | 'asset' | 'debt' | 'audit';
type Send = (kind: SeedKind, batchId: string, records: unknown[]) => Promise<void>;

/** Loads the demo city through the same ingest path as real data (validation, rollups, events). */
export async function seedDemo(
	database: Database,
	options: DemoSeedOptions
): Promise<{ payments: number }> {
	const log = options.log ?? (() => {});
	const started = performance.now();
	const { year, through, seed } = options;
	const demo = demoYear(year, through, seed);
	const send = sender(database, options);
	// The current fiscal year (first start), not last year's complete one (the history seed).
	const current = isCurrentYear(options);

	await send('unit', `demo-units-${year}`, demo.city.units);
	await sendInBatches(send, 'plan', `demo-plans-${year}`, demo.plans);
	// Generated through the end of `through`: what is dated after now (later today) is not sent.
	const notAfterNow = <T>(at: (r: T) => string) => {
		const now = Date.now();
		return (r: T) => new Date(at(r)).getTime() <= now;
	};
	const payments = demo.payments.filter(notAfterNow((p: DemoPayment) => p.paidAt));
	await sendPayments(send, `demo-payments-${year}`, payments, log);
	const revenue = demo.revenue.filter(notAfterNow((r: { collectedAt: string }) => r.collectedAt));
	await sendInBatches(send, 'revenue', `demo-revenue-${year}`, revenue);
	// This year's report of the year before, and for the current year the two before it as well (the
	// same batches the history seed sends, so they are stored once): three years to compare.
	await send('asset', `demo-assets-${year}`, demo.assets);
	if (current)
		for (const y of [year - 1, year - 2])
			await send('asset', `demo-assets-${y}`, demoAssetReports(y));
	await seedDebt(send, demo, options);
	await send('audit', `demo-audit-${year}`, demo.audit);
	// For the current year also the list reported last year (the history seed's batch, stored once):
	// its findings still open past their due date are cases from the first start on, as after a restart.
	if (current) await send('audit', `demo-audit-${year - 1}`, demoAuditRecords(year - 1));
	await judgeLoadedYear(database, options);
	log(
		`demo seed: ${demo.city.units.length} units, ${demo.plans.length} plan records, ${payments.length} payments, ${revenue.length} revenue records in ${Math.round(performance.now() - started)} ms`
	);
	return { payments: payments.length };
}

/**
 * The city's debt and its special-bond projects (demo/debt.ts): the year's months and the bond
 * projects' plans and payments; for the current year also the year's record of the year before last
 * (the year before has its own months from the history seed).
 */
async function seedDebt(send: Send, demo: DemoYear, o: DemoSeedOptions) {
	const { year, seed } = o;
	await send('plan', `demo-bond-plans-${year}`, demo.bondPlans);
	await send('payment', `demo-bond-payments-${year}`, demo.bondPayments);
	await send('debt', `demo-debt-${year}`, demo.debt);
	const early = year - 2;
	if (isCurrentYear(o))
		await send(
			'debt',
			`demo-debt-${early}`,
			demoDebtYearRecords(early, plannedInterest(buildDemoCity(early, seed).lines))
		);
}

/** Whether the seed is of the current fiscal year (the first start's), not a complete past one. */
function isCurrentYear(o: DemoSeedOptions): boolean {
	return o.year === Number(fiscalToday(o.tz).slice(0, 4));
}

/** Sends one batch through ingest; a rejected record stops the seed (the demo must load whole). */
function sender(database: Database, options: DemoSeedOptions): Send {
	// Alert rules run once over the loaded year at the end, not after each of its batches.
	const ingestOptions = { source: 'demo-seed', tz: options.tz, live: options.live, alerts: false };
	return async (kind, batchId, records) => {
		if (options.signal?.aborted) throw new Error('demo seed: stopped');
		const ack = await ingestBatch(database, { batchId, kind, records }, ingestOptions);
		if (ack.rejected.length > 0)
			throw new Error(
				`demo seed: ${kind} batch ${batchId} rejected ${ack.rejected.length}: ${ack.rejected[0].reason}`
			);
	};
}

/** Batches `{prefix}-0`, `{prefix}-1`, … one after the other. */
async function sendInBatches(send: Send, kind: SeedKind, prefix: string, records: unknown[]) {
	for (let i = 0; i < records.length; i += BATCH)
		await send(kind, `${prefix}-${i / BATCH}`, records.slice(i, i + BATCH));
}

/** A few batches in flight, as the worker sends them: the server commits those waiting together. */
async function sendPayments(
	send: Send,
	prefix: string,
	payments: DemoPayment[],
	log: (message: string) => void
) {
	const inFlight: Promise<void>[] = [];
	for (let i = 0; i < payments.length; i += BATCH) {
		const sending = send('payment', `${prefix}-${i / BATCH}`, payments.slice(i, i + BATCH));
		sending.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
		inFlight.push(sending);
		if (inFlight.length >= PAYMENT_WINDOW) await inFlight.shift();
		if ((i / BATCH) % 10 === 0)
			log(`demo seed: ${Math.min(i + BATCH, payments.length)}/${payments.length} payments`);
	}
	await Promise.all(inFlight);
}

/** The alert rules over the loaded year, once (evaluateYear: a past year as of its end and now). */
async function judgeLoadedYear(database: Database, options: DemoSeedOptions) {
	await evaluateYear(database.db, options.year, new Date(), options.live, options.tz);
}

/**
 * Last year's demo data, complete, so pages can compare with it. It is seeded after the server
 * listens (first start stays quick) through the same ingest path, with live events, and resumes on
 * the next start if it was interrupted: re-sent batches are acknowledged without being stored twice.
 * Revenue goes last, so its batch marks last year as complete.
 */
export async function seedDemoHistory(
	database: Database,
	options: DemoSeedOptions
): Promise<'complete' | 'seeded'> {
	const lastYear = options.year - 1;
	const [done] = await rows<{ done: boolean }>(
		database.db,
		sql`select exists (select 1 from ingest_batch where batch_id = ${`demo-revenue-${lastYear}-0`}) as done`
	);
	if (done.done) return 'complete';
	await seedDemo(database, { ...options, year: lastYear, through: `${lastYear}-12-31` });
	return 'seeded';
}
