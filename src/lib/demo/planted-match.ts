/**
 * Scores what the alert engine found (findings or cases) against the planted anomalies
 * (planted.ts): recall and precision.
 */
import { pad } from './numbers';
import type { PlantedAnomaly } from './planted';

/** The date a planted anomaly exists from, in the year whose data runs to `through`. */
export function plantedFrom(
	anomaly: Pick<PlantedAnomaly, 'on'>,
	year: number,
	through: string
): string {
	if (typeof anomaly.on === 'string') return `${year}-${anomaly.on}`;
	const month = Math.max(1, Number(through.slice(5, 7)) - 1);
	return `${year}-${pad(month)}-${pad(anomaly.on)}`;
}

/** What the engine found, as the matcher sees it: a finding, or a case with the findings it gathers. */
export interface FoundItem {
	ruleTypes: readonly string[];
	deptCode?: string | null;
	projectCodes?: readonly string[];
	subjectKeys?: readonly string[];
}

/** A finding (an alert row) as a FoundItem. */
export function findingItem(f: {
	ruleType: string;
	subjectKey: string;
	deptCode?: string | null;
	projectCode?: string | null;
}): FoundItem {
	return {
		ruleTypes: [f.ruleType],
		deptCode: f.deptCode ?? null,
		projectCodes: f.projectCode ? [f.projectCode] : [],
		subjectKeys: [f.subjectKey]
	};
}

/** Whether an item shows a planted anomaly: one of its rules, and its department, project and subject when it names them. */
export function shows(anomaly: PlantedAnomaly, item: FoundItem, year: number): boolean {
	if (!item.ruleTypes.some((r) => anomaly.rules.includes(r))) return false;
	if (anomaly.deptCode !== undefined && item.deptCode !== anomaly.deptCode) return false;
	if (anomaly.projectCode !== undefined) {
		const code = anomaly.projectCode;
		const inKeys = (item.subjectKeys ?? []).some((k) => k.endsWith(`:${code}`));
		if (!(item.projectCodes ?? []).includes(code) && !inKeys) return false;
	}
	if (anomaly.subjectKey !== undefined) {
		const key = anomaly.subjectKey.replace('{year}', String(year));
		if (!(item.subjectKeys ?? []).includes(key)) return false;
	}
	return true;
}

export interface PlantedScore {
	/** Planted anomalies that exist by `through` (and stay, unless cleared ones are asked for). */
	expected: number;
	found: number;
	/** found / expected, 1 when nothing is expected. */
	recall: number;
	/** Items showing some planted anomaly / items, 1 when there are none. */
	precision: number;
	missed: PlantedAnomaly[];
	/** Items that show no planted anomaly (a reviewer reads each). */
	unexplained: FoundItem[];
}

/**
 * Scores found items (open findings or cases of the year) against the planted list: recall over the
 * anomalies that exist by `through` (without those that clear themselves, unless `withCleared`),
 * precision over the items.
 */
export function matchPlanted(
	planted: readonly PlantedAnomaly[],
	items: readonly FoundItem[],
	options: { year: number; through: string; withCleared?: boolean }
): PlantedScore {
	const { year, through } = options;
	const due = planted.filter(
		(a) => plantedFrom(a, year, through) <= through && (options.withCleared || a.stays !== false)
	);
	const missed = due.filter((a) => !items.some((i) => shows(a, i, year)));
	const unexplained = items.filter((i) => !planted.some((a) => shows(a, i, year)));
	const found = due.length - missed.length;
	return {
		expected: due.length,
		found,
		recall: due.length === 0 ? 1 : found / due.length,
		precision: items.length === 0 ? 1 : (items.length - unexplained.length) / items.length,
		missed,
		unexplained
	};
}
