/**
 * How findings meet the stored alerts of a rule: what to open, raise, lower or close. Same findings
 * and same alerts → same plan. The engine (src/lib/server/alerts/engine.ts) reads and writes.
 */
import { LEVEL_RANK } from './decimal';
import type { Evaluation, Finding } from './judges/evaluation';
import type { AlertLevel } from './params';

/** An open or acknowledged alert of the rule as the engine reads it. */
export interface ActiveAlert {
	id: number;
	subjectKey: string;
	period: string;
	level: AlertLevel;
	status: 'open' | 'acknowledged';
	deptCode: string | null;
	explanation: unknown;
}

/** A change the reconciliation would make (and, when writing, made). */
export interface PlannedChange {
	action: 'open' | 'raise' | 'lower' | 'close';
	finding?: Finding;
	alert?: ActiveAlert;
	fromLevel?: AlertLevel;
	toLevel?: AlertLevel;
}

/** An alert staff closed (resolved or dismissed) for a subject and period. */
export interface ClosedAlert {
	subjectKey: string;
	period: string;
	level: AlertLevel;
}

export const alertKey = (subjectKey: string, period: string): string =>
	`${subjectKey}\u0000${period}`;

/** The findings no active alert has: only for these can a closed alert matter. */
export function newFindings(evaluation: Evaluation, active: readonly ActiveAlert[]): Finding[] {
	const keys = new Set(active.map((a) => alertKey(a.subjectKey, a.period)));
	return evaluation.findings.filter((f) => !keys.has(alertKey(f.subjectKey, f.period)));
}

/**
 * Compares findings with the active alerts of the rule. An alert staff closed is not reopened for
 * the same subject and period unless the level rises above the highest they closed. An alert whose
 * level did not change is rewritten when its numbers did.
 */
export function planChanges(
	evaluation: Evaluation,
	active: readonly ActiveAlert[],
	closed: readonly ClosedAlert[]
): PlannedChange[] {
	const activeByKey = new Map(active.map((a) => [alertKey(a.subjectKey, a.period), a]));
	const findingByKey = new Map(
		evaluation.findings.map((f) => [alertKey(f.subjectKey, f.period), f])
	);
	const closedLevel = new Map<string, AlertLevel>();
	for (const c of closed) {
		const key = alertKey(c.subjectKey, c.period);
		const prior = closedLevel.get(key);
		if (!prior || LEVEL_RANK[c.level] > LEVEL_RANK[prior]) closedLevel.set(key, c.level);
	}
	const changes: PlannedChange[] = [];
	for (const [key, f] of findingByKey) {
		const a = activeByKey.get(key);
		if (!a) {
			const level = closedLevel.get(key);
			if (level && LEVEL_RANK[level] >= LEVEL_RANK[f.level]) continue;
			changes.push({ action: 'open', finding: f, toLevel: f.level });
		} else if (LEVEL_RANK[f.level] > LEVEL_RANK[a.level]) {
			changes.push({ action: 'raise', finding: f, alert: a, fromLevel: a.level, toLevel: f.level });
		} else if (LEVEL_RANK[f.level] < LEVEL_RANK[a.level]) {
			changes.push({ action: 'lower', finding: f, alert: a, fromLevel: a.level, toLevel: f.level });
		} else if (stable(a.explanation) !== stable(f.explanation)) {
			// Same level: refresh the numbers.
			changes.push({ action: 'raise', finding: f, alert: a, fromLevel: a.level, toLevel: a.level });
		}
	}
	for (const [key, a] of activeByKey) {
		if (findingByKey.has(key) || !evaluation.covers(a)) continue;
		changes.push({ action: 'close', alert: a, fromLevel: a.level });
	}
	return changes;
}

/** JSON with sorted keys: jsonb does not keep key order. */
function stable(value: unknown): string {
	return JSON.stringify(value, (_k, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
			: v
	);
}
