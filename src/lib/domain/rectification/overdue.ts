/**
 * Overdue findings: from the day after the due date (in the fiscal zone, Asia/Shanghai) while the
 * finding is neither 已整改 nor 销号; and how severe that is, by the amount involved and by how late.
 */
import { levelAtLeast, levelAtLeastFen, LEVEL_RANK, scaled } from '../alerts/decimal';
import type { AlertLevel } from '../alerts/params';
import { fiscalDateOf } from '../fiscal';
import { yuanToFen } from '../money';
import { isRectified, type FindingStatus } from './status';

/** Whether a finding due on `dueDate` is overdue on the fiscal date `asOf` (both YYYY-MM-DD). */
export function isOverdue(f: { dueDate: string; status: FindingStatus }, asOf: string): boolean {
	return !isRectified(f.status) && asOf > f.dueDate;
}

/** Whether a finding is overdue at an instant, its date taken in the fiscal zone. */
export function isOverdueAt(
	f: { dueDate: string; status: FindingStatus },
	now: Date,
	tz: string
): boolean {
	return isOverdue(f, fiscalDateOf(now, tz));
}

/** Whole days from the due date to `asOf` (1 on the day after the due date; 0 or less when not late). */
export function daysLate(dueDate: string, asOf: string): number {
	const day = (d: string) => {
		const [y, m, dd] = d.split('-').map(Number);
		return Date.UTC(y, m - 1, dd) / 86_400_000;
	};
	return day(asOf) - day(dueDate);
}

export interface OverdueThresholds {
	/** Days late for each level (the first day late is at least a notice). */
	days: { notice: string; warning: string; severe: string };
	/** Amount involved in 元 for each level. */
	amounts: { notice: string; warning: string; severe: string };
}

/**
 * The level of an overdue finding and the measure that set it: the higher of the level its days late
 * reach and the level its amount involved reaches — the amount when it reaches a higher level than
 * the days, otherwise the days (so a tie is told by the days); null when it is not overdue or reaches
 * neither.
 */
export function overdueCause(
	f: { dueDate: string; status: FindingStatus; amount: string | null },
	asOf: string,
	t: OverdueThresholds
): { by: 'days' | 'amount'; level: AlertLevel } | null {
	if (!isOverdue(f, asOf)) return null;
	const byDays = levelAtLeast(scaled(String(daysLate(f.dueDate, asOf))), t.days);
	const byAmount = f.amount === null ? null : levelAtLeastFen(yuanToFen(f.amount), t.amounts);
	if (byAmount && (!byDays || LEVEL_RANK[byAmount] > LEVEL_RANK[byDays]))
		return { by: 'amount', level: byAmount };
	return byDays ? { by: 'days', level: byDays } : null;
}
