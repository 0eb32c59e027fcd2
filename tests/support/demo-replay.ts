/**
 * Replays the demo city's fiscal year through ingest, month by month, with the periodic alert
 * evaluation at each month end (18:00 in the fiscal time zone) — the demo simulator's year in
 * fast mode. Used by the alerts acceptance test and the alerts throughput bench.
 */
import type { Database } from '../../db/client';
import { demoYear } from '../../src/lib/demo';
import { monthEnd } from '../../src/lib/domain/calendar';
import { evaluatePeriodic } from '../../src/lib/server/alerts/index';
import { ingestBatch } from '../../src/lib/server/ingest/index';

export interface ReplayOptions {
	year: number;
	tz?: string;
	batch?: number;
	/** Skip the month-end periodic evaluation (the bench's rules-off run). */
	periodic?: boolean;
	/** false: ingest without the alert rules (the `alerts` ingest option; the bench's rules-off run). */
	alerts?: boolean;
	/**
	 * Last fiscal date replayed (YYYY-MM-DD, within `year`); default the year's last day. A partial
	 * year is judged at the end of that day, as the running demo is on that date.
	 */
	through?: string;
}

export interface ReplayResult {
	payments: number;
	/** Milliseconds spent ingesting payments (the throughput figure). */
	paymentMs: number;
}

export async function replayDemoYear(
	database: Database,
	options: ReplayOptions
): Promise<ReplayResult> {
	const { year } = options;
	const tz = options.tz ?? 'Asia/Shanghai';
	const batch = options.batch ?? 5000;
	const through = options.through ?? `${year}-12-31`;
	if (!through.startsWith(`${year}-`)) throw new Error(`replay: ${through} is not in ${year}`);
	const lastMonth = Number(through.slice(5, 7));
	// The server's clock: after the year when it is replayed whole, else the end of `through`.
	const clock =
		lastMonth === 12 && through === `${year}-12-31`
			? new Date(`${year + 1}-01-01T12:00:00Z`)
			: new Date(`${through}T23:59:59+08:00`);
	const demo = demoYear(year, through);
	const send = async (
		kind: 'unit' | 'plan' | 'payment' | 'revenue' | 'asset' | 'debt' | 'audit',
		batchId: string,
		records: unknown[]
	) => {
		const ack = await ingestBatch(
			database,
			{ batchId, kind, records },
			{ source: 'replay', tz, alerts: options.alerts, now: () => clock }
		);
		if (ack.rejected.length > 0)
			throw new Error(`replay: ${kind} batch ${batchId} rejected ${ack.rejected[0].reason}`);
	};
	await send('unit', 'r-units', demo.city.units);
	for (let i = 0; i < demo.plans.length; i += batch)
		await send('plan', `r-plans-${i}`, demo.plans.slice(i, i + batch));
	await send('asset', 'r-assets', demo.assets);
	// The city's debt and its special-bond projects, and the audit year reported in it, as the seed sends them.
	await send('plan', 'r-bond-plans', demo.bondPlans);
	await send('debt', 'r-debt', demo.debt);
	await send('audit', 'r-audit', demo.audit);
	const payments = [...demo.payments, ...demo.bondPayments].sort((a, b) =>
		a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : 0
	);
	const revenue = demo.revenue;
	let paymentMs = 0;
	for (let month = 1; month <= lastMonth; month++) {
		const prefix = `${year}-${String(month).padStart(2, '0')}`;
		const mine = payments.filter((p) => p.paidAt.startsWith(prefix));
		for (let i = 0; i < mine.length; i += batch) {
			const started = performance.now();
			await send('payment', `r-pay-${prefix}-${i}`, mine.slice(i, i + batch));
			paymentMs += performance.now() - started;
		}
		const collected = revenue.filter((r) => r.collectedAt.startsWith(prefix));
		for (let i = 0; i < collected.length; i += batch)
			await send('revenue', `r-rev-${prefix}-${i}`, collected.slice(i, i + batch));
		if (options.periodic !== false) {
			const end = new Date(`${monthEnd(year, month)}T18:00:00+08:00`);
			await evaluatePeriodic(database.db, end < clock ? end : clock, undefined, { tz });
		}
	}
	return { payments: payments.length, paymentMs };
}
