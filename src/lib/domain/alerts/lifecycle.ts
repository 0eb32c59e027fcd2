/**
 * An alert's lifecycle: 待核实 open → 已反馈 acknowledged (with a note) → 已整改 resolved or 误报
 * dismissed; the system alone opens alerts and clears those whose cause went away.
 */

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed', 'cleared'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Open and acknowledged: the alerts counted and worked. */
export const ACTIVE_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged'];

/** A status staff may move an alert to. */
export type StaffStatus = 'acknowledged' | 'resolved' | 'dismissed';

/** What staff may do next from a status. */
export const NEXT_STATUSES: Record<AlertStatus, readonly StaffStatus[]> = {
	open: ['acknowledged', 'dismissed'],
	acknowledged: ['resolved', 'dismissed'],
	resolved: [],
	dismissed: [],
	cleared: []
};

export const NOTE_LIMIT = 2000;

/** What is wrong with a requested change before the alert is read (400), or null. */
export function statusRequestProblem(to: string, note: string): string | null {
	if (!(ALERT_STATUSES as readonly string[]).includes(to))
		return `to: must be one of ${ALERT_STATUSES.join(', ')}`;
	if (to === 'cleared' || to === 'open')
		return `to: only the system ${to === 'open' ? 'opens' : 'clears'} alerts`;
	if (to === 'acknowledged' && note === '')
		return 'note: say what was checked with the unit (已反馈 needs a note)';
	if (note.length > NOTE_LIMIT) return `note: at most ${NOTE_LIMIT} characters`;
	return null;
}

/** Whether an alert in `from` may become `to` (409 when not). */
export function mayMove(from: AlertStatus, to: AlertStatus): boolean {
	return (NEXT_STATUSES[from] as readonly AlertStatus[]).includes(to);
}

/** Resolved and dismissed close an alert (closed_at is set). */
export const closes = (to: AlertStatus): boolean => to === 'resolved' || to === 'dismissed';
