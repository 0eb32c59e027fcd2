/**
 * The demo year's treasury payments (国库集中支付), in time order: each plan line reaches its
 * execution target month by month in its monthly shape; amounts are skewed (median a few thousand 元,
 * a handful over 1000万 a month).
 */
import { DEMO_FEED_GAP } from './anomalies';
import { daysInMonth, lastDayThrough, lastMonthThrough } from './calendar';
import { DEMO_SEED, type DemoCity } from './city';
import { monthPayments, type PendingPayment, type SupplierPool } from './month-payments';
import type { DemoBudgetKind, DemoPlanLine } from './plan-lines';
import { Random } from './random';
import { lineShape, yearPace } from './shapes';

export interface DemoPayment {
	id: string;
	paidAt: string;
	budgetKind: DemoBudgetKind;
	deptCode: string;
	agencyCode: string;
	funcCode: string;
	econCode: string;
	projectCode?: string;
	amount: string;
	payType: 'direct' | 'authorized';
	payee: string;
	payeeKind: 'org' | 'person';
	purpose: string;
}

export interface PaymentGenerationOptions {
	year: number;
	/** Generate payments up to the end of this fiscal date (YYYY-MM-DD). */
	through: string;
	seed?: number;
	idPrefix?: string;
}

/** The year's payments up to `through`, in time order, numbered per budget. */
export function generatePayments(city: DemoCity, options: PaymentGenerationOptions): DemoPayment[] {
	const { year, through } = options;
	const seed = options.seed ?? DEMO_SEED;
	const rng = new Random(seed).fork(year * 7 + 1);
	const lastMonth = lastMonthThrough(year, through);
	const out: PendingPayment[] = [];
	const unitName = new Map(city.units.map((u) => [u.code, u.name]));
	const pace = yearPace(year, seed);
	const pools = new Map<DemoPlanLine, SupplierPool>();
	city.lines.forEach((line, lineIndex) => {
		if (line.pattern === 'none') return;
		const r = rng.fork(lineIndex);
		const shape = lineShape(line.pattern, line.deptCode, pace);
		const yearTarget = Number(line.amount) * line.yearExecution; // fen, float only for generation
		for (let month = 1; month <= lastMonth; month++) {
			const maxDay = lastDayThrough(year, month, through);
			const share = maxDay / daysInMonth(year, month); // the part of `through`'s month generated
			const target = Math.round(yearTarget * shape[month - 1] * share);
			if (target <= 0) continue;
			monthPayments(out, { line, year, month, maxDay, target, r, unitName, pools });
		}
	});
	out.sort((a, b) => a.key - b.key);
	return numbered(withoutFeedGap(out, year), year, options.idPrefix);
}

/** The feed delivers nothing in its planted gap week, so the year's payments leave it empty. */
function withoutFeedGap(payments: PendingPayment[], year: number): PendingPayment[] {
	const [gapFrom, gapTo] = DEMO_FEED_GAP(year);
	return payments.filter((p) => p.paidAt.slice(0, 10) < gapFrom || p.paidAt.slice(0, 10) > gapTo);
}

/** Each budget numbers its own payments (基金 JJ…), so the general budget's ids stay as they were. */
function numbered(payments: PendingPayment[], year: number, idPrefix?: string): DemoPayment[] {
	const prefix: Record<DemoBudgetKind, string> = {
		general: idPrefix ?? `ZF${year}`,
		fund: `JJ${year}`,
		capital: `GZ${year}`,
		social: `SB${year}`
	};
	const seq: Record<DemoBudgetKind, number> = { general: 0, fund: 0, capital: 0, social: 0 };
	return payments.map(({ key: _key, ...p }) => ({
		id: `${prefix[p.budgetKind]}-${String(++seq[p.budgetKind]).padStart(7, '0')}`,
		...p
	}));
}
