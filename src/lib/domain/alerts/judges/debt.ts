/**
 * Government debt: 债务率 of each year with 综合财力 on record, and debt service (interest on
 * function 232 lines and principal) against the repayment schedule of the current year — judged
 * only once debt figures exist. One alert per rule and year for the whole city.
 */
import { debtYear, debtYears, type DebtRow } from '../../debt';
import { judgeDebtRatio, judgeDebtService } from '../debt-ratio';
import type { Localized } from '../explanation';
import type { RuleSettings } from '../params';
import { addFinding, type Evaluation, type Finding } from './evaluation';

const CITY: Localized = { zh: '全市政府债务', en: 'city government debt' };

export interface DebtServiceSpending {
	year: number;
	/** Interest due by the schedule through the current month, and spent on 232 lines so far (元). */
	interestDue: string;
	interestSpent: string;
}

export function judgeDebt(
	rows: readonly DebtRow[],
	settings: Pick<RuleSettings, 'debtRatio' | 'debtService'>,
	service?: DebtServiceSpending
): Evaluation[] {
	const ratio: Finding[] = [];
	const serviceFindings: Finding[] = [];
	if (settings.debtRatio.enabled)
		for (const year of debtYears(rows)) {
			const y = debtYear(rows, year);
			if (!y || y.capacity === null) continue;
			const v = judgeDebtRatio(
				{ scope: CITY, year, balance: y.balance, capacity: y.capacity },
				settings.debtRatio.params
			);
			addFinding(ratio, 'debtRatio', v, { key: 'city', period: String(year), year });
		}
	if (settings.debtService.enabled && service) {
		const v = judgeDebtService(
			{
				scope: { zh: '全市债务付息（232）', en: 'city debt interest (232)' },
				year: service.year,
				due: service.interestDue,
				paid: service.interestSpent
			},
			settings.debtService.params
		);
		addFinding(serviceFindings, 'debtService', v, {
			key: 'city:232',
			period: String(service.year),
			year: service.year,
			funcCode: '232'
		});
	}
	const all = () => true;
	const evaluations: Evaluation[] = [{ ruleType: 'debtRatio', findings: ratio, covers: all }];
	if (service)
		evaluations.push({
			ruleType: 'debtService',
			findings: serviceFindings,
			covers: (a) => a.period === String(service.year)
		});
	return evaluations;
}
