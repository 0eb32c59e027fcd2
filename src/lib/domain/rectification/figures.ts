/**
 * The headline figures of rectification, exact: counts, amounts in fen, the rectification rate
 * (rectified findings / findings) and the amount rate (amount rectified / amount involved), and
 * the same figures by unit and by category, ranked.
 */
import { fenToYuan, ratio, yuanToFen, type Fen } from '../money';
import { isOverdue } from './overdue';
import { isRectified, type FindingStatus } from './status';

/** A finding as the figures see it; amounts are decimal strings in 元 (absent = none). */
export interface FindingFacts {
	unitCode: string | null;
	unitName: string;
	category: string;
	status: FindingStatus;
	dueDate: string;
	amount: string | null;
	amountRectified: string | null;
}

export interface Headline {
	findings: number;
	rectified: number;
	inProgress: number;
	open: number;
	overdue: number;
	/** Decimal strings in 元. */
	amount: string;
	amountRectified: string;
	/** Rectified findings / findings, four decimals; null without findings. */
	rate: string | null;
	/** Amount rectified / amount involved, four decimals; null without an amount. */
	amountRate: string | null;
}

interface Tally {
	findings: number;
	rectified: number;
	inProgress: number;
	open: number;
	overdue: number;
	amount: Fen;
	amountRectified: Fen;
}

const emptyTally = (): Tally => ({
	findings: 0,
	rectified: 0,
	inProgress: 0,
	open: 0,
	overdue: 0,
	amount: 0n,
	amountRectified: 0n
});

function add(t: Tally, f: FindingFacts, asOf: string): void {
	t.findings++;
	if (isRectified(f.status)) t.rectified++;
	else if (f.status === 'partial') t.inProgress++;
	else t.open++;
	if (isOverdue(f, asOf)) t.overdue++;
	t.amount += yuanToFen(f.amount);
	t.amountRectified += yuanToFen(f.amountRectified);
}

function toHeadline(t: Tally): Headline {
	return {
		findings: t.findings,
		rectified: t.rectified,
		inProgress: t.inProgress,
		open: t.open,
		overdue: t.overdue,
		amount: fenToYuan(t.amount),
		amountRectified: fenToYuan(t.amountRectified),
		rate: ratio(BigInt(t.rectified), BigInt(t.findings)),
		amountRate: ratio(t.amountRectified, t.amount)
	};
}

/** The headline figures of a set of findings as of a fiscal date (for overdue). */
export function headline(findings: readonly FindingFacts[], asOf: string): Headline {
	const t = emptyTally();
	for (const f of findings) add(t, f, asOf);
	return toHeadline(t);
}

export interface GroupFigures extends Headline {
	key: string;
	label: string;
}

/**
 * The figures by unit (key: its code, else its name) or by category, ranked: most findings not
 * rectified first, then the largest amount involved, then the key.
 */
export function byGroup(
	findings: readonly FindingFacts[],
	asOf: string,
	by: 'unit' | 'category'
): GroupFigures[] {
	const groups = new Map<string, { label: string; tally: Tally }>();
	for (const f of findings) {
		const key = by === 'unit' ? (f.unitCode ?? f.unitName) : f.category;
		const label = by === 'unit' ? f.unitName : f.category;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { label, tally: emptyTally() }));
		add(g.tally, f, asOf);
	}
	return [...groups.entries()]
		.map(([key, g]) => ({ key, label: g.label, ...toHeadline(g.tally), _t: g.tally }))
		.sort(
			(a, b) =>
				b._t.findings - b._t.rectified - (a._t.findings - a._t.rectified) ||
				(b._t.amount > a._t.amount ? 1 : b._t.amount < a._t.amount ? -1 : 0) ||
				(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
		)
		.map(({ _t, ...g }) => (void _t, g));
}

/** Why an amount rectified cannot be recorded against the amount involved, or null. */
export function amountProblem(
	amount: string | null,
	amountRectified: string | null
): string | null {
	const rectified = yuanToFen(amountRectified);
	if (rectified < 0n) return 'amountRectified: must not be negative';
	if (amount !== null && rectified > yuanToFen(amount))
		return 'amountRectified: must not exceed the amount involved';
	return null;
}
