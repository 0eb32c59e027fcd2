/**
 * Audit rectification (审计整改) for routes: the pages' reads, and staff's changes through the write
 * path with the overdue rule re-judged in the same transaction, so /alerts follows at once.
 */
import type { SessionUser } from '../auth/session';
import { db, runtime } from '../runtime';
import { reevaluateOverdue } from './alerts';
import * as changes from './changes';
import type { WorkField } from '../../domain/rectification';

export { auditPage, departmentFindingCounts, findingPage } from './queries';
export type { AuditPage, Finding, FindingPage, HistoryEntry } from './queries';
export { reportPage, type ReportPage } from './report';

const actorOf = (u: SessionUser) => ({ id: u.id, username: u.username, role: u.role });

export function updateFinding(
	user: SessionUser,
	id: string,
	input: Partial<Record<WorkField, string>>
): Promise<changes.EditOutcome> {
	return changes.updateFinding(db(), runtime().live, actorOf(user), id, input, reevaluateOverdue);
}

export function createFinding(user: SessionUser, input: Record<string, unknown>) {
	return changes.createFinding(db(), runtime().live, actorOf(user), input, reevaluateOverdue);
}
