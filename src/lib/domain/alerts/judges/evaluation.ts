/**
 * What a judge returns: the findings of one rule over the data it was given, and which stored
 * alerts that data covers (an active alert inside it that is not found again is cleared).
 */
import type { Verdict } from '../explanation';
import type { AlertLevel, RuleType, SubjectScope } from '../params';

/** One alert a rule would have open now. */
export interface Finding {
	ruleType: RuleType;
	subjectKey: string;
	period: string;
	year: number;
	level: AlertLevel;
	explanation: NonNullable<Verdict>['explanation'];
	deptCode?: string;
	funcCode?: string;
	projectCode?: string;
}

/** Which part of the data an evaluation covers; alerts of the rule inside it and not found again are cleared. */
export interface Coverage {
	year: number;
	/** Only these departments (incremental evaluation after ingest); all when absent. */
	depts?: Set<string>;
}

/** A stored alert as coverage sees it. */
export interface CoveredAlert {
	subjectKey: string;
	period: string;
	deptCode: string | null;
}

export interface Evaluation {
	ruleType: RuleType;
	findings: Finding[];
	/** Whether an existing active alert belongs to what was evaluated. */
	covers(alert: CoveredAlert): boolean;
	/** The same narrowing for the database read of active alerts (nothing outside it can be covered). */
	narrow?: { period?: string; depts?: string[]; subjectKeys?: string[] };
}

/** A subject as its alert is keyed: the subject key, the period, the year and its codes. */
export type Subject = { key: string; period: string; year: number } & SubjectScope;

/** The finding a verdict makes for a subject, or null when the rule found nothing. */
export function verdictToFinding(
	ruleType: RuleType,
	verdict: Verdict,
	subject: Subject
): Finding | null {
	if (!verdict) return null;
	return {
		ruleType,
		subjectKey: subject.key,
		period: subject.period,
		year: subject.year,
		level: verdict.level,
		explanation: verdict.explanation,
		deptCode: subject.deptCode,
		funcCode: subject.funcCode,
		projectCode: subject.projectCode
	};
}

/** Adds the verdict's finding, if any, to `into`. */
export function addFinding(
	into: Finding[],
	ruleType: RuleType,
	verdict: Verdict,
	subject: Subject
): void {
	const found = verdictToFinding(ruleType, verdict, subject);
	if (found) into.push(found);
}

/** The period of the rules judged over a fiscal year. */
export const yearPeriod = (year: number): string => String(year);

/** Covers the year's alerts (of the departments covered, when only some were judged). */
export function coverYear(coverage: Coverage): (a: CoveredAlert) => boolean {
	const period = yearPeriod(coverage.year);
	return (a) =>
		a.period === period &&
		(!coverage.depts || (a.deptCode !== null && coverage.depts.has(a.deptCode)));
}
