/** 收入进度 per revenue subject with a plan: collections under its code against time progress. */
import type { FiscalDate } from '../../calendar';
import type { Fen } from '../../money';
import { sameDayLastYear } from '../../period';
import type { RuleSettings } from '../params';
import { judgeRevenueLag } from '../revenue-lag';
import { addFinding, yearPeriod, type Evaluation, type Finding } from './evaluation';
import { join, kindPrefix, revenueLabel, type Names } from './labels';
import { throughOf } from './spending';

/** A revenue subject's plan and collections, from 1 January to the window's ends. */
export interface RevenueLine {
	budgetKind: string;
	subjectCode: string;
	plan: Fen;
	collected: Fen;
	/** Collected last year through the same day; null when nothing was. */
	lastYear: Fen | null;
}

/** The days a year's collections are judged through: this year's, and the same day last year. */
export interface RevenueWindow {
	through: FiscalDate;
	lastThrough: FiscalDate;
}

export function revenueWindow(year: number, asOf: FiscalDate): RevenueWindow {
	const through = throughOf(year, asOf);
	return { through, lastThrough: sameDayLastYear(through) };
}

export function judgeRevenue(
	year: number,
	window: RevenueWindow,
	lines: readonly RevenueLine[],
	setting: RuleSettings['revenueLag'],
	names: Names
): Evaluation {
	const period = yearPeriod(year);
	const findings: Finding[] = [];
	if (setting.enabled)
		for (const l of lines) {
			const label = join(kindPrefix(l.budgetKind), revenueLabel(names, l.subjectCode));
			const v = judgeRevenueLag(
				{
					scope: label,
					year,
					asOf: window.through,
					plan: l.plan,
					executed: l.collected,
					lastYear: l.lastYear,
					lastYearAsOf: window.lastThrough
				},
				setting.params
			);
			addFinding(findings, 'revenueLag', v, {
				key: `${l.budgetKind}:${l.subjectCode}`,
				period,
				year
			});
		}
	return {
		ruleType: 'revenueLag',
		findings,
		covers: (a) => a.period === period,
		narrow: { period }
	};
}
