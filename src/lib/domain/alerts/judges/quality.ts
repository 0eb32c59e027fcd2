/**
 * Data quality: records in quarantine per kind, payments under unknown function codes or units.
 * The periodic run judges everything of the year; an ingest batch only what it can change.
 */
import { judgeDataQuality, type QualityProblem } from '../data-quality';
import type { Localized } from '../explanation';
import type { RuleSettings, SubjectScope } from '../params';
import { addFinding, yearPeriod, type Evaluation, type Finding } from './evaluation';

/**
 * What one ingest batch can change about data quality: its rejects (quarantine counts) and the
 * unknown codes it brought. Judging only these keeps the batch's cost to its own codes.
 */
export interface QualityTouch {
	quarantine: boolean;
	funcCodes: string[];
	unitCodes: string[];
}

/** The year's counts: open quarantined records by kind, payments by unknown function code and unit. */
export interface QualityCounts {
	quarantined: { kind: string; n: number }[];
	unknownFunc: { code: string; n: number }[];
	unknownUnit: { code: string; n: number }[];
}

/**
 * Without `touch`, the counts cover everything of the year (periodic run); with it, only the
 * quarantine counts (when the batch had rejects) and the unknown codes the batch brought.
 */
export function judgeQuality(
	year: number,
	counts: QualityCounts,
	setting: RuleSettings['dataQuality'],
	touch?: QualityTouch
): Evaluation {
	const period = yearPeriod(year);
	const findings: Finding[] = [];
	const add = (
		problem: QualityProblem,
		key: string,
		scope: Localized,
		count: number,
		codes: SubjectScope = {}
	) => {
		const v = judgeDataQuality({ scope, problem, count: Number(count) }, setting.params);
		addFinding(findings, 'dataQuality', v, { key, period, year, ...codes });
	};
	if (setting.enabled) {
		for (const q of counts.quarantined)
			add(
				'quarantined',
				`quarantine:${q.kind}`,
				{ zh: `隔离区 (${q.kind})`, en: `quarantine (${q.kind})` },
				q.n
			);
		for (const u of counts.unknownFunc)
			add(
				'unknownFunction',
				`function:${u.code}`,
				{ zh: `功能科目 ${u.code}`, en: `function code ${u.code}` },
				u.n,
				{ funcCode: u.code }
			);
		for (const u of counts.unknownUnit)
			add('unknownUnit', `unit:${u.code}`, { zh: `预算单位 ${u.code}`, en: `unit ${u.code}` }, u.n);
	}
	return {
		ruleType: 'dataQuality',
		findings,
		covers: qualityCovers(period, touch),
		narrow: { period }
	};
}

/** The year's alerts; after a batch, only those of the codes it brought and, with rejects, quarantine's. */
function qualityCovers(period: string, touch?: QualityTouch): Evaluation['covers'] {
	if (!touch) return (a) => a.period === period;
	const keys = new Set([
		...touch.funcCodes.map((c) => `function:${c}`),
		...touch.unitCodes.map((c) => `unit:${c}`)
	]);
	return (a) =>
		a.period === period &&
		(keys.has(a.subjectKey) || (touch.quarantine && a.subjectKey.startsWith('quarantine:')));
}
