// The alert engine's hook into ingest: called inside the batch transaction after the records are
// stored, with what the batch changed. Returns live events to record with the batch.
import type { Executor } from '../../../../db/client';
import type { Evaluation } from '../../domain/alerts/judges/evaluation';
import { judgeFeed } from '../../domain/alerts/judges/feed';
import type { Names } from '../../domain/alerts/judges/labels';
import { judgeLines } from '../../domain/alerts/judges/lines';
import { judgePayments, largePaymentFloor } from '../../domain/alerts/judges/payments';
import { spendingAdded } from '../../domain/alerts/judges/spending';
import type { RuleSettings } from '../../domain/alerts/params';
import { fiscalDateOf, fiscalYearOf } from '../../domain/fiscal';
import type { PaymentRecord, RecordByKind, RecordKind } from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import type { CodeKey } from '../classification/names';
import { reconcile } from './engine';
import {
	assetEvaluations,
	auditOverdueEvaluation,
	debtEvaluations,
	qualityEvaluation,
	revenueEvaluation
} from './evaluation';
import { alertsEvent } from './live';
import { loadRevenueAsOf } from './loaders/revenue';
import { openAlertCounts } from './queries';
import { explainRenamedCodes } from './renamed-codes';
import type { ReferenceCache, ReferenceView } from './reference-cache';
import type { SpendingLedger } from './spending-ledger';

/** The hook's view of the group's transaction: where to read and write, and the fiscal zone. */
export interface IngestContext {
	tx: Executor;
	tz: string;
}

/**
 * What the rules keep in memory per database between groups: the departments' whole spending
 * (spendingLedgerOf) and the reference data they judge with (referenceCacheOf).
 */
export interface RuleMemory {
	ledger: SpendingLedger;
	reference: ReferenceCache;
}

/** The group's context with its view of the reference data. */
interface Judging extends IngestContext {
	reference: ReferenceView;
}

/** What the store made of the group's valid records. */
export interface StoredOutcome {
	accepted: number;
	duplicates: number;
	/** Valid records that could not be stored (id conflicts), by their index in the group. */
	rejected: { index: number }[];
	/** The newest business time among the stored records. */
	lastRecordAt?: Date;
}

/** What one ingest group touched, as the ingest side hands it over. */
export interface IngestTouch {
	kind: RecordKind;
	result: StoredOutcome;
	/** Records of the batch that were rejected (quarantined). */
	rejected: number;
	/** The valid records of the batch (those the store rejected as conflicts are in result.rejected by index). */
	records?: { index: number; record: RecordByKind[RecordKind] }[];
	/** Payments only: exactly the records the group inserted (not duplicates, not conflicts). */
	inserted?: PaymentRecord[];
	/** Codes only: the codes whose names in effect the group changed. */
	renamed?: CodeKey[];
}

/** Judges what a group touched, with what the rules keep in memory (`memory`) of the database. */
export async function evaluateOnIngest(
	ingestCtx: IngestContext,
	touch: IngestTouch,
	memory: RuleMemory
): Promise<Omit<LiveEvent, 'seq' | 'at'>[]> {
	const stored = storedRecords(touch);
	if (touch.result.accepted === 0 && touch.rejected === 0) return [];
	const ex = ingestCtx.tx;
	const ctx: Judging = { ...ingestCtx, reference: await memory.reference.current(ex) };
	const settings = await ctx.reference.settings();
	const judged: Judged = { evaluations: [], years: new Set() };
	if (touch.kind === 'payment' || touch.kind === 'plan')
		await judgeSpending(ctx, touch, stored, settings, memory.ledger, judged);
	if (touch.kind === 'revenue') await judgeCollections(ctx, stored, settings, judged);
	if (touch.kind === 'asset') judged.evaluations.push(...(await assetEvaluations(ex, settings)));
	if (touch.kind === 'audit')
		judged.evaluations.push(
			await auditOverdueEvaluation(ex, fiscalDateOf(new Date(), ctx.tz), settings)
		);
	if (touch.kind === 'debt') {
		const now = new Date();
		const year = fiscalYearOf(now, ctx.tz);
		const asOf = fiscalDateOf(now, ctx.tz);
		judged.evaluations.push(...(await debtEvaluations(ex, settings, year, asOf)));
	}
	if (touch.rejected > 0 && touch.kind !== 'payment') {
		// The batch's rejects are already in quarantine; they count in the year they were received.
		const year = fiscalYearOf(new Date(), ctx.tz);
		judged.evaluations.push(await qualityEvaluation(ex, year, ctx.tz, settings.dataQuality));
		judged.years.add(year);
	}
	// An alert whose level stays takes the group's figures too (its explanation is what a member
	// reads); the evaluations are narrowed to what the group touched, so this reads little.
	const changes = await reconcile(ex, judged.evaluations);
	// Renamed codes: the alerts that name them say it with the new names (renamed-codes.ts).
	if (touch.renamed?.length)
		changes.push(...(await explainRenamedCodes(ex, touch.renamed, { tz: ctx.tz })));
	if (changes.length === 0) return [];
	const { years } = judged;
	const year = Math.max(...(years.size ? years : new Set([fiscalYearOf(new Date(), ctx.tz)])));
	return [alertsEvent(changes, await openAlertCounts(ex, year))];
}

/** The evaluations of a group so far, and the fiscal years they judged. */
interface Judged {
	evaluations: Evaluation[];
	years: Set<number>;
}

/** Payments and plans: the line rules of the departments (and years) the group touched; payments also one by one. */
async function judgeSpending(
	ctx: Judging,
	touch: IngestTouch,
	stored: RecordByKind[RecordKind][],
	settings: RuleSettings,
	ledger: SpendingLedger,
	judged: Judged
): Promise<void> {
	const ex = ctx.tx;
	const names = await ctx.reference.names();
	const byYear = touchedDepartments(stored, ctx.tz);
	// The departments' whole spending comes from the ledger, given what the group inserted.
	const added = spendingAdded(touch.inserted ?? [], ctx.tz);
	for (const [year, depts] of byYear) {
		const asOf = `${year}-12-31`;
		const [lines, spending] = await Promise.all([
			ctx.reference.planLines(year, depts),
			ledger.spending(ex, year, depts, added.get(year) ?? [])
		]);
		judged.evaluations.push(
			...judgeLines({ year, asOf, lines, spending }, settings, names, { year, depts })
		);
	}
	for (const year of byYear.keys()) judged.years.add(year);
	if (touch.kind === 'payment')
		await judgePaymentGroup(ctx, touch, stored as PaymentRecord[], settings, names, judged);
}

/** Only the departments (and years) a batch touched are re-judged. */
function touchedDepartments(
	stored: RecordByKind[RecordKind][],
	tz: string
): Map<number, Set<string>> {
	const byYear = new Map<number, Set<string>>();
	for (const r of stored) {
		const rec = r as { deptCode?: string; year?: number; paidAt?: Date; side?: string };
		const year = rec.year ?? (rec.paidAt ? fiscalYearOf(rec.paidAt, tz) : undefined);
		if (year === undefined || rec.deptCode === undefined || rec.side === 'revenue') continue;
		(byYear.get(year) ?? byYear.set(year, new Set()).get(year)!).add(rec.deptCode);
	}
	return byYear;
}

/** A payment group: large payments, the end of a feed gap, and the unknown codes it brought. */
async function judgePaymentGroup(
	ctx: IngestContext,
	touch: IngestTouch,
	payments: PaymentRecord[],
	settings: RuleSettings,
	names: Names,
	judged: Judged
): Promise<void> {
	// Only a payment at or above the least threshold in force can be large: the rest need no fiscal date.
	const floor = settings.largePayment.enabled
		? largePaymentFloor(settings.largePayment)
		: undefined;
	const large = payments
		.filter((p) => floor !== undefined && p.amount >= floor)
		.map((p) => ({
			id: p.id,
			fiscalDate: fiscalDateOf(p.paidAt, ctx.tz),
			budgetKind: p.budgetKind,
			deptCode: p.deptCode,
			funcCode: p.funcCode,
			projectCode: p.projectCode,
			econCode: p.econCode,
			amount: p.amount
		}));
	judged.evaluations.push(judgePayments(large, settings.largePayment, names));
	// New data ends a feed gap: judged at the batch's newest record, as of itself, the gap is gone.
	const newest = touch.result.lastRecordAt;
	if (newest) judged.evaluations.push(judgeFeed(newest, newest, ctx.tz, settings.feedStale));
	// Unknown codes or units: only a batch that brings one can add to them (the periodic run clears).
	const quality = { quarantine: touch.rejected > 0, ...unknownCodes(payments, names) };
	if (quality.funcCodes.length > 0 || quality.unitCodes.length > 0 || quality.quarantine)
		for (const year of judged.years)
			judged.evaluations.push(
				await qualityEvaluation(ctx.tx, year, ctx.tz, settings.dataQuality, quality)
			);
}

/** The function codes and units of the payments that are not on record. */
function unknownCodes(
	payments: readonly PaymentRecord[],
	names: Names
): { funcCodes: string[]; unitCodes: string[] } {
	const funcCodes = new Set<string>();
	const unitCodes = new Set<string>();
	for (const p of payments) {
		if (!names.func.has(p.funcCode)) funcCodes.add(p.funcCode);
		if (!names.unit.has(p.deptCode)) unitCodes.add(p.deptCode);
		if (p.agencyCode !== '' && !names.unit.has(p.agencyCode)) unitCodes.add(p.agencyCode);
	}
	return { funcCodes: [...funcCodes], unitCodes: [...unitCodes] };
}

/** Revenue: each year's collections as of its newest collection. */
async function judgeCollections(
	ctx: Judging,
	stored: RecordByKind[RecordKind][],
	settings: RuleSettings,
	judged: Judged
): Promise<void> {
	const names = await ctx.reference.names();
	const years = new Set(
		stored.map((r) => fiscalYearOf((r as { collectedAt: Date }).collectedAt, ctx.tz))
	);
	for (const year of years) {
		// Collections up to the newest one of the batch: the data's as-of, not the wall clock.
		const asOf = await loadRevenueAsOf(ctx.tx, year);
		if (asOf)
			judged.evaluations.push(
				await revenueEvaluation(ctx.tx, year, asOf, settings.revenueLag, names)
			);
		judged.years.add(year);
	}
}

/** The batch's records that were stored or are identical duplicates (not the conflicting ones). */
function storedRecords(touch: IngestTouch): RecordByKind[RecordKind][] {
	if (!touch.records) return [];
	const conflicts = new Set(touch.result.rejected.map((r) => r.index));
	return touch.records.filter((r) => !conflicts.has(r.index)).map((r) => r.record);
}
