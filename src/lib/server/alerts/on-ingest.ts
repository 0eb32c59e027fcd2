// The alert engine's hook into ingest: called inside the batch transaction after the records are
// stored, with what the batch changed. Returns live events to record with the batch.
import { sql } from 'drizzle-orm';
import { rows } from '../../../../db/client';
import { fiscalDateOf, fiscalYearOf } from '../../domain/fiscal';
import type { PaymentRecord, RecordByKind, RecordKind } from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import type { StoreContext, StoreResult } from '../ingest/types';
import { countActive, loadSettings, reconcile } from './engine';
import { planLineKey, type SpendingLedger } from './spending-ledger';
import {
	judgeAssets,
	judgeFeed,
	judgeLines,
	judgePayments,
	judgeQuality,
	judgeRevenue,
	largePaymentFloor,
	loadNames,
	loadPlanLines,
	type Evaluation,
	type LineSpending
} from './subjects';

export interface IngestTouch {
	kind: RecordKind;
	result: StoreResult;
	/** Records of the batch that were rejected (quarantined). */
	rejected: number;
	/** The valid records of the batch (those the store rejected as conflicts are in result.rejected by index). */
	records?: { index: number; record: RecordByKind[RecordKind] }[];
	/** Payments only: exactly the records the group inserted (not duplicates, not conflicts). */
	inserted?: PaymentRecord[];
}

/** Judges what a group touched; `ledger` (the database's, spendingLedgerOf) gives the departments' whole spending. */
export async function evaluateOnIngest(
	ctx: StoreContext,
	touch: IngestTouch,
	ledger: SpendingLedger
): Promise<Omit<LiveEvent, 'seq' | 'at'>[]> {
	const stored = storedRecords(touch);
	if (touch.result.accepted === 0 && touch.rejected === 0) return [];
	const ex = ctx.tx;
	const evaluations: Evaluation[] = [];
	const settings = await loadSettings(ex);
	let years = new Set<number>();
	if (touch.kind === 'payment' || touch.kind === 'plan') {
		const names = await loadNames(ex);
		// Only the departments (and years) this batch touched are re-judged.
		const byYear = new Map<number, Set<string>>();
		for (const r of stored) {
			const rec = r as { deptCode?: string; year?: number; paidAt?: Date; side?: string };
			const year = rec.year ?? (rec.paidAt ? fiscalYearOf(rec.paidAt, ctx.tz) : undefined);
			if (year === undefined || rec.deptCode === undefined || rec.side === 'revenue') continue;
			(byYear.get(year) ?? byYear.set(year, new Set()).get(year)!).add(rec.deptCode);
		}
		// The departments' whole spending comes from the ledger, given what the group inserted.
		const added = spendingAdded(touch.inserted ?? [], ctx.tz);
		for (const [year, depts] of byYear) {
			const asOf = `${year}-12-31`;
			const [lines, spending] = await Promise.all([
				loadPlanLines(ex, year, asOf, depts),
				ledger.spending(ex, year, depts, added.get(year) ?? [])
			]);
			evaluations.push(
				...judgeLines({ year, asOf, lines, spending }, settings, names, { year, depts })
			);
		}
		years = new Set(byYear.keys());
		if (touch.kind === 'payment') {
			// Only a payment at or above the least threshold in force can be large: the rest need no fiscal date.
			const floor = settings.largePayment.enabled
				? largePaymentFloor(settings.largePayment)
				: undefined;
			const payments = (stored as PaymentRecord[])
				.filter((p) => floor !== undefined && p.amount >= floor)
				.map((p) => ({
					id: p.id,
					fiscalDate: fiscalDateOf(p.paidAt, ctx.tz),
					budgetKind: p.budgetKind,
					deptCode: p.deptCode,
					funcCode: p.funcCode,
					projectCode: p.projectCode,
					amount: p.amount,
					payee: p.payee,
					purpose: p.purpose
				}));
			evaluations.push(judgePayments(payments, settings.largePayment, names));
			// New data ends a feed gap: judged at the batch's newest record, as of itself, the gap is gone.
			const newest = touch.result.lastRecordAt;
			if (newest) evaluations.push(await judgeFeedAfter(ex, newest, ctx.tz, settings));
			// Unknown codes or units: only a batch that brings one can add to them (the periodic run clears).
			const funcCodes = new Set<string>();
			const unitCodes = new Set<string>();
			for (const p of stored as PaymentRecord[]) {
				if (!names.func.has(p.funcCode)) funcCodes.add(p.funcCode);
				if (!names.unit.has(p.deptCode)) unitCodes.add(p.deptCode);
				if (p.agencyCode !== '' && !names.unit.has(p.agencyCode)) unitCodes.add(p.agencyCode);
			}
			const quality = {
				quarantine: touch.rejected > 0,
				funcCodes: [...funcCodes],
				unitCodes: [...unitCodes]
			};
			if (funcCodes.size > 0 || unitCodes.size > 0 || quality.quarantine)
				for (const year of years)
					evaluations.push(await judgeQuality(ex, year, ctx.tz, settings.dataQuality, quality));
		}
	}
	if (touch.kind === 'revenue') {
		const names = await loadNames(ex);
		const revenueYears = new Set(
			stored.map((r) => fiscalYearOf((r as { collectedAt: Date }).collectedAt, ctx.tz))
		);
		for (const year of revenueYears) {
			// Collections up to the newest one of the batch: the data's as-of, not the wall clock.
			const [asOf] = await rows<{ d: string | null }>(
				ex,
				sql`select max(fiscal_date)::text as d from revenue_daily where fiscal_date <= ${`${year}-12-31`}::date and fiscal_date >= ${`${year}-01-01`}::date`
			);
			if (asOf.d)
				evaluations.push(await judgeRevenue(ex, year, asOf.d, settings.revenueLag, names));
			years.add(year);
		}
	}
	if (touch.kind === 'asset') evaluations.push(...(await judgeAssets(ex, settings)));
	if (touch.rejected > 0 && touch.kind !== 'payment') {
		// The batch's rejects are already in quarantine; they count in the year they were received.
		const year = fiscalYearOf(new Date(), ctx.tz);
		evaluations.push(await judgeQuality(ex, year, ctx.tz, settings.dataQuality));
		years.add(year);
	}
	const changes = await reconcile(ex, evaluations, { refresh: false });
	if (changes.length === 0) return [];
	const year = Math.max(...(years.size ? years : new Set([fiscalYearOf(new Date(), ctx.tz)])));
	return [
		{ topic: 'alerts', audience: 'all', payload: { changes, counts: await countActive(ex, year) } }
	];
}

/**
 * What a group inserted, by fiscal year and plan-line key: one entry per key of a year, summed, so
 * the ledger adds a few thousand entries for a 20,000-payment group rather than one per payment.
 */
function spendingAdded(
	inserted: readonly PaymentRecord[],
	tz: string
): Map<number, LineSpending[]> {
	const byKey = new Map<string, LineSpending>();
	const byYear = new Map<number, LineSpending[]>();
	for (const p of inserted) {
		const year = fiscalYearOf(p.paidAt, tz);
		const key = `${year}|${p.deptCode}|${planLineKey(p)}`;
		const known = byKey.get(key);
		if (known) {
			known.amount += p.amount;
			known.payments++;
			continue;
		}
		const spending = {
			budgetKind: p.budgetKind,
			deptCode: p.deptCode,
			funcCode: p.funcCode,
			econCode: p.econCode,
			projectCode: p.projectCode,
			amount: p.amount,
			payments: 1
		};
		byKey.set(key, spending);
		(byYear.get(year) ?? byYear.set(year, []).get(year)!).push(spending);
	}
	return byYear;
}

async function judgeFeedAfter(
	ex: StoreContext['tx'],
	newest: Date,
	tz: string,
	settings: Awaited<ReturnType<typeof loadSettings>>
) {
	return judgeFeed(ex, newest, tz, settings.feedStale, newest);
}

/** The batch's records that were stored or are identical duplicates (not the conflicting ones). */
function storedRecords(touch: IngestTouch): RecordByKind[RecordKind][] {
	if (!touch.records) return [];
	const conflicts = new Set(touch.result.rejected.map((r) => r.index));
	return touch.records.filter((r) => !conflicts.has(r.index)).map((r) => r.record);
}
