// Seeds the reference codes (every start) and the demo city (first start of an empty database).
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../client';
import { fenToYuan } from '../../src/lib/domain/money';
import { evaluatePeriodic } from '../../src/lib/server/alerts/index';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import type { LiveHub } from '../../src/lib/server/runtime';
import { referenceCodes } from './classification';
import {
	ADJUSTMENT_DATE,
	adjustedAmount,
	buildDemoCity,
	demoAnomalies,
	demoAssetReports,
	demoRevenuePlan,
	generatePayments,
	generateRevenue,
	type DemoCity,
	type DemoPayment
} from './demo-city';

/** Upserts the classification names; names can change between releases. */
export async function seedReferenceCodes(database: Database): Promise<void> {
	const input = referenceCodes.map((c) => ({
		scheme: c.scheme,
		code: c.code,
		name: c.name,
		name_en: c.nameEn ?? null
	}));
	await database.db.execute(sql`insert into classification_code (scheme, code, name, name_en)
		select scheme, code, name, name_en from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
			as x(scheme text, code text, name text, name_en text)
		on conflict (scheme, code) do update set name = excluded.name, name_en = excluded.name_en
		where (classification_code.name, classification_code.name_en) is distinct from (excluded.name, excluded.name_en)`);
}

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

/** Loads the demo city through the same ingest path as real data (validation, rollups, events). */
export async function seedDemo(
	database: Database,
	options: DemoSeedOptions
): Promise<{ payments: number }> {
	const log = options.log ?? (() => {});
	const started = performance.now();
	const city = buildDemoCity(options.year, options.seed);
	// Alert rules run once over the loaded year at the end, not after each of its batches.
	const ingestOptions = { source: 'demo-seed', tz: options.tz, live: options.live, alerts: false };
	const send = async (
		kind: 'unit' | 'plan' | 'payment' | 'revenue' | 'asset',
		batchId: string,
		records: unknown[]
	) => {
		if (options.signal?.aborted) throw new Error('demo seed: stopped');
		const ack = await ingestBatch(database, { batchId, kind, records }, ingestOptions);
		if (ack.rejected.length > 0)
			throw new Error(
				`demo seed: ${kind} batch ${batchId} rejected ${ack.rejected.length}: ${ack.rejected[0].reason}`
			);
	};

	await send('unit', `demo-units-${options.year}`, city.units);
	const plans = demoPlanRecords(city, options.year, options.through);
	for (let i = 0; i < plans.length; i += BATCH)
		await send('plan', `demo-plans-${options.year}-${i / BATCH}`, plans.slice(i, i + BATCH));

	const payments: DemoPayment[] = [
		...generatePayments(city, { year: options.year, through: options.through, seed: options.seed }),
		...demoAnomalies(options.year, options.through)
	];
	// A few batches in flight, as the worker sends them: the server commits those waiting together.
	const inFlight: Promise<void>[] = [];
	for (let i = 0; i < payments.length; i += BATCH) {
		const sending = send(
			'payment',
			`demo-payments-${options.year}-${i / BATCH}`,
			payments.slice(i, i + BATCH)
		);
		sending.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
		inFlight.push(sending);
		if (inFlight.length >= PAYMENT_WINDOW) await inFlight.shift();
		if ((i / BATCH) % 10 === 0)
			log(`demo seed: ${Math.min(i + BATCH, payments.length)}/${payments.length} payments`);
	}
	await Promise.all(inFlight);
	const revenue = generateRevenue({
		year: options.year,
		through: options.through,
		seed: options.seed
	});
	for (let i = 0; i < revenue.length; i += BATCH)
		await send('revenue', `demo-revenue-${options.year}-${i / BATCH}`, revenue.slice(i, i + BATCH));
	await send('asset', `demo-assets-${options.year}`, demoAssetReports(options.year));
	const end =
		options.through >= `${options.year}-12-31` ? `${options.year}-12-31` : options.through;
	const endOfData = new Date(`${end}T23:59:59+08:00`);
	const now = new Date();
	await evaluatePeriodic(database.db, endOfData < now ? endOfData : now, options.live, {
		tz: options.tz,
		all: true
	});
	log(
		`demo seed: ${city.units.length} units, ${plans.length} plan records, ${payments.length} payments, ${revenue.length} revenue records in ${Math.round(performance.now() - started)} ms`
	);
	return { payments: payments.length };
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

/** The demo city's plan records (initial, and the mid-year adjustment once `through` reaches it) and revenue plans. */
export function demoPlanRecords(
	city: DemoCity,
	year: number,
	through: string
): Record<string, unknown>[] {
	const plans: Record<string, unknown>[] = city.lines.flatMap((line, i) => {
		const base = {
			year,
			budgetKind: line.budgetKind ?? 'general',
			deptCode: line.deptCode,
			funcCode: line.funcCode,
			econCode: line.econCode,
			projectCode: line.projectCode,
			projectName: line.projectName
		};
		const records = [
			{ ...base, id: `P${year}-I-${i + 1}`, stage: 'initial', amount: fenToYuan(line.amount) }
		];
		const adjusted = adjustedAmount(line);
		if (adjusted !== undefined && ADJUSTMENT_DATE(year) <= through)
			records.push({
				...base,
				id: `P${year}-A-${i + 1}`,
				stage: 'adjusted',
				amount: fenToYuan(adjusted),
				effectiveOn: ADJUSTMENT_DATE(year)
			} as (typeof records)[number]);
		return records;
	});
	const revenuePlans = demoRevenuePlan().map((line, i) => ({
		id: `RP${year}-I-${i + 1}`,
		year,
		budgetKind: line.budgetKind,
		stage: 'initial',
		side: 'revenue',
		subjectCode: line.subjectCode,
		amount: fenToYuan(line.amount)
	}));
	plans.push(...(revenuePlans as unknown as typeof plans));
	return plans;
}
