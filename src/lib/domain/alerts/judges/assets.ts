/**
 * State-asset reports of enterprises: leverage from totalAssets / totalLiabilities, capital
 * preservation from preservationRate (percent) or openingEquity / equity. One alert per entity and period.
 */
import { judgeCapitalPreservation } from '../capital-preservation';
import type { RuleSettings } from '../params';
import { judgeSoeLeverage } from '../soe-leverage';
import { addFinding, type Evaluation, type Finding } from './evaluation';
import { both } from './labels';

/** One enterprise's report of a period, its figures as stored (decimal strings, or anything else). */
export interface EnterpriseReport {
	period: string;
	entityCode: string;
	entityName: string;
	figures: Record<string, unknown>;
}

/** A figure the rules can read: a decimal string, else absent. */
const decimal = (v: unknown) =>
	typeof v === 'string' && /^-?\d+(\.\d{1,6})?$/.test(v) ? v : undefined;

/**
 * The year whose supervision a report's findings belong to: a year's annual report (period `YYYY`) is
 * heard by the standing committee in the year after, so its findings are that year's (and not closed
 * with the reported year); a month's report (`YYYY-MM`) belongs to its own year.
 */
export function supervisionYear(period: string): number {
	const year = Number(period.slice(0, 4));
	return /^\d{4}$/.test(period) ? year + 1 : year;
}

export function judgeAssets(
	reports: readonly EnterpriseReport[],
	settings: Pick<RuleSettings, 'soeLeverage' | 'capitalPreservation'>
): Evaluation[] {
	const leverage: Finding[] = [];
	const preservation: Finding[] = [];
	for (const r of reports) {
		const scope = both(r.entityName);
		const subject = { key: r.entityCode, period: r.period, year: supervisionYear(r.period) };
		const assets = decimal(r.figures.totalAssets);
		const liabilities = decimal(r.figures.totalLiabilities);
		if (settings.soeLeverage.enabled && assets && liabilities) {
			const v = judgeSoeLeverage(
				{ scope, period: r.period, totalAssets: assets, totalLiabilities: liabilities },
				settings.soeLeverage.params
			);
			addFinding(leverage, 'soeLeverage', v, subject);
		}
		if (settings.capitalPreservation.enabled) {
			const v = judgeCapitalPreservation(
				{
					scope,
					period: r.period,
					reportedRate: decimal(r.figures.preservationRate),
					openingEquity: decimal(r.figures.openingEquity),
					closingEquity: decimal(r.figures.equity)
				},
				settings.capitalPreservation.params
			);
			addFinding(preservation, 'capitalPreservation', v, subject);
		}
	}
	const all = () => true;
	return [
		{ ruleType: 'soeLeverage', findings: leverage, covers: all },
		{ ruleType: 'capitalPreservation', findings: preservation, covers: all }
	];
}
