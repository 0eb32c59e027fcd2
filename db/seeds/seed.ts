// Seeds the reference codes (every start) and the demo city (first start of an empty database).
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../client';
import { fenToYuan } from '../../src/lib/domain/money';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { referenceCodes } from './classification';
import {
	ADJUSTMENT_DATE,
	adjustedAmount,
	buildDemoCity,
	demoAnomalies,
	demoRevenuePlan,
	generatePayments,
	generateRevenue,
	type DemoPayment
} from './demo-city';

/** Upserts the classification names; names can change between releases. */
export async function seedReferenceCodes(database: Database): Promise<void> {
	const input = referenceCodes.map((c) => ({ scheme: c.scheme, code: c.code, name: c.name, name_en: c.nameEn ?? null }));
	await database.db.execute(sql`insert into classification_code (scheme, code, name, name_en)
		select scheme, code, name, name_en from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
			as x(scheme text, code text, name text, name_en text)
		on conflict (scheme, code) do update set name = excluded.name, name_en = excluded.name_en
		where (classification_code.name, classification_code.name_en) is distinct from (excluded.name, excluded.name_en)`);
}

export async function hasBudgetData(database: Database): Promise<boolean> {
	const [r] = await rows<{ n: number }>(database.db, sql`select (select count(*) from budget_unit)::int as n`);
	return r.n > 0;
}

export interface DemoSeedOptions {
	year: number;
	/** Payments are generated through this fiscal date (YYYY-MM-DD). */
	through: string;
	tz: string;
	seed?: number;
	log?: (message: string) => void;
}

const BATCH = 5000;

/** Loads the demo city through the same ingest path as real data (validation, rollups, events). */
export async function seedDemo(database: Database, options: DemoSeedOptions): Promise<{ payments: number }> {
	const log = options.log ?? (() => {});
	const started = performance.now();
	const city = buildDemoCity(options.year, options.seed);
	const ingestOptions = { source: 'demo-seed', tz: options.tz };
	const send = async (kind: 'unit' | 'plan' | 'payment' | 'revenue', batchId: string, records: unknown[]) => {
		const ack = await ingestBatch(database, { batchId, kind, records }, ingestOptions);
		if (ack.rejected.length > 0)
			throw new Error(`demo seed: ${kind} batch ${batchId} rejected ${ack.rejected.length}: ${ack.rejected[0].reason}`);
	};

	await send('unit', `demo-units-${options.year}`, city.units);
	const plans = city.lines.flatMap((line, i) => {
		const base = {
			year: options.year,
			budgetKind: 'general',
			deptCode: line.deptCode,
			funcCode: line.funcCode,
			econCode: line.econCode,
			projectCode: line.projectCode,
			projectName: line.projectName
		};
		const records = [{ ...base, id: `P${options.year}-I-${i + 1}`, stage: 'initial', amount: fenToYuan(line.amount) }];
		const adjusted = adjustedAmount(line);
		if (adjusted !== undefined && ADJUSTMENT_DATE(options.year) <= options.through)
			records.push({
				...base,
				id: `P${options.year}-A-${i + 1}`,
				stage: 'adjusted',
				amount: fenToYuan(adjusted),
				effectiveOn: ADJUSTMENT_DATE(options.year)
			} as (typeof records)[number]);
		return records;
	});
	const revenuePlans = demoRevenuePlan().map((line, i) => ({
		id: `RP${options.year}-I-${i + 1}`,
		year: options.year,
		stage: 'initial',
		side: 'revenue',
		subjectCode: line.subjectCode,
		amount: fenToYuan(line.amount)
	}));
	plans.push(...(revenuePlans as unknown as typeof plans));
	for (let i = 0; i < plans.length; i += BATCH)
		await send('plan', `demo-plans-${options.year}-${i / BATCH}`, plans.slice(i, i + BATCH));

	const payments: DemoPayment[] = [
		...generatePayments(city, { year: options.year, through: options.through, seed: options.seed }),
		...demoAnomalies(options.year, options.through)
	];
	for (let i = 0; i < payments.length; i += BATCH) {
		await send('payment', `demo-payments-${options.year}-${i / BATCH}`, payments.slice(i, i + BATCH));
		if ((i / BATCH) % 10 === 0) log(`demo seed: ${Math.min(i + BATCH, payments.length)}/${payments.length} payments`);
	}
	const revenue = generateRevenue({ year: options.year, through: options.through, seed: options.seed });
	for (let i = 0; i < revenue.length; i += BATCH)
		await send('revenue', `demo-revenue-${options.year}-${i / BATCH}`, revenue.slice(i, i + BATCH));
	log(`demo seed: ${city.units.length} units, ${plans.length} plan records, ${payments.length} payments, ${revenue.length} revenue records in ${Math.round(performance.now() - started)} ms`);
	return { payments: payments.length };
}

/**
 * The demo city over two fiscal years: last year complete (so pages can compare with it), then
 * this year through `through`. First start only; both go through the ingest path.
 */
export async function seedDemoYears(database: Database, options: DemoSeedOptions): Promise<{ payments: number }> {
	const lastYear = options.year - 1;
	const last = await seedDemo(database, { ...options, year: lastYear, through: `${lastYear}-12-31` });
	const current = await seedDemo(database, options);
	return { payments: last.payments + current.payments };
}
