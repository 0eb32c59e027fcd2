/**
 * A finding's rectification status and type, and who may move a finding from one status to another.
 * 未整改 open → 部分整改 partial → 已整改 done → 销号 closed (the committee's 对账销号).
 */
import type { AccountRole } from '../accounts';

export const FINDING_STATUSES = ['open', 'partial', 'done', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_TYPES = ['immediate', 'staged', 'ongoing'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const STATUS_LABEL: Record<FindingStatus, { zh: string; en: string }> = {
	open: { zh: '未整改', en: 'not rectified' },
	partial: { zh: '部分整改', en: 'partly rectified' },
	done: { zh: '已整改', en: 'rectified' },
	closed: { zh: '销号', en: 'closed' }
};

export const TYPE_LABEL: Record<FindingType, { zh: string; en: string }> = {
	immediate: { zh: '立行立改', en: 'immediate' },
	staged: { zh: '分阶段', en: 'staged' },
	ongoing: { zh: '持续', en: 'ongoing' }
};

export function isFindingStatus(v: unknown): v is FindingStatus {
	return typeof v === 'string' && (FINDING_STATUSES as readonly string[]).includes(v);
}

export function isFindingType(v: unknown): v is FindingType {
	return typeof v === 'string' && (FINDING_TYPES as readonly string[]).includes(v);
}

/** Rectified for the headline figures: 已整改 or 销号. */
export function isRectified(status: FindingStatus): boolean {
	return status === 'done' || status === 'closed';
}

/**
 * The moves staff may make. Work goes forward (open → partial → done → closed); a finding a review
 * shows unfinished goes back from done to partial, and a partial one wrongly reported goes back to
 * open. 销号 is only for a finding already rectified. Undoing a 销号 is an admin's correction.
 */
const STAFF_MOVES: Record<FindingStatus, readonly FindingStatus[]> = {
	open: ['partial', 'done'],
	partial: ['open', 'done'],
	done: ['partial', 'closed'],
	closed: []
};
const ADMIN_MOVES: Record<FindingStatus, readonly FindingStatus[]> = {
	...STAFF_MOVES,
	closed: ['done']
};

/** Why a role may not move a finding from one status to another, or null when it may. */
export function transitionProblem(
	role: AccountRole,
	from: FindingStatus,
	to: FindingStatus
): 'role' | 'transition' | null {
	if (from === to) return null;
	if (role === 'member') return 'role';
	const moves = role === 'admin' ? ADMIN_MOVES : STAFF_MOVES;
	return moves[from].includes(to) ? null : 'transition';
}

/** The statuses a role may choose for a finding now (its own status first). */
export function nextStatuses(role: AccountRole, from: FindingStatus): FindingStatus[] {
	if (role === 'member') return [from];
	return [from, ...(role === 'admin' ? ADMIN_MOVES : STAFF_MOVES)[from]];
}

/** Whether a role may create findings and edit their work fields. */
export function mayEditFindings(role: AccountRole): boolean {
	return role === 'staff' || role === 'admin';
}
