/**
 * What a profile change would do, counted the way staff and members work: findings (alerts) that
 * would open, change level or close, and cases (问题线索, domain/cases/grouping.ts) that would open,
 * change (level or findings) or close. Pure: the active findings and the planned changes in,
 * counts out.
 */
import { groupFindings, type FindingRow } from '../cases/grouping';
import type { PlannedChange } from './reconcile';

export interface ChangeCounts {
	open: number;
	change: number;
	close: number;
}

export interface PreviewCounts {
	findings: ChangeCounts;
	cases: ChangeCounts;
}

/** The active findings after the planned changes of one rule (new findings get ids below zero). */
export function afterChanges(
	active: readonly FindingRow[],
	ruleType: string,
	changes: readonly PlannedChange[]
): FindingRow[] {
	const byId = new Map(active.map((f) => [f.id, f]));
	let next = -1;
	for (const c of changes) {
		if (c.action === 'close' && c.alert) byId.delete(c.alert.id);
		else if ((c.action === 'raise' || c.action === 'lower') && c.alert && c.finding) {
			const f = byId.get(c.alert.id);
			if (f)
				byId.set(f.id, { ...f, level: c.toLevel ?? f.level, explanation: c.finding.explanation });
		} else if (c.action === 'open' && c.finding) {
			const f = c.finding;
			byId.set(next, {
				id: next--,
				ruleType,
				subjectKey: f.subjectKey,
				period: f.period,
				year: f.year,
				level: f.level,
				deptCode: f.deptCode ?? null,
				funcCode: f.funcCode ?? null,
				projectCode: f.projectCode ?? null,
				explanation: f.explanation
			});
		}
	}
	return [...byId.values()];
}

/** Counts of findings and cases that would open, change or close. */
export function previewCounts(
	active: readonly FindingRow[],
	ruleType: string,
	changes: readonly PlannedChange[]
): PreviewCounts {
	const findings: ChangeCounts = { open: 0, change: 0, close: 0 };
	for (const c of changes) {
		if (c.action === 'open') findings.open++;
		else if (c.action === 'close') findings.close++;
		else if (c.fromLevel !== c.toLevel) findings.change++;
	}
	const before = new Map(groupFindings(active).map((c) => [c.key, c]));
	const after = new Map(
		groupFindings(afterChanges(active, ruleType, changes)).map((c) => [c.key, c])
	);
	const cases: ChangeCounts = { open: 0, change: 0, close: 0 };
	for (const [key, c] of after) {
		const b = before.get(key);
		if (!b) cases.open++;
		else if (b.level !== c.level || b.findingIds.join(',') !== c.findingIds.join(','))
			cases.change++;
	}
	for (const key of before.keys()) if (!after.has(key)) cases.close++;
	return { findings, cases };
}
