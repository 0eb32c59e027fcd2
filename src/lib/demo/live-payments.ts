/** Payments "as they happen" for the live demo feed, on the lines a treasury pays on every day. */
import { GOODS_ECON } from './codes';
import type { DemoCity } from './city';
import { fenText } from './numbers';
import { livePersonPayee, orgPayees } from './payees';
import type { DemoPayment } from './payments';
import type { DemoPlanLine } from './plan-lines';
import type { Random } from './random';

/** Lines the live demo feed pays on: everyday goods, works and payments to individuals. */
export function liveFeedLines(city: DemoCity): DemoPlanLine[] {
	return city.lines.filter(
		(l) => l.pattern === 'goods' || l.pattern === 'works' || l.pattern === 'persons'
	);
}

/**
 * One realistic payment on a plan line, paid at `paidAt`: amounts skewed like the year's (works
 * large, individuals small).
 */
export function livePayment(
	line: DemoPlanLine,
	rng: Random,
	id: string,
	paidAt: Date,
	unitName: Map<string, string>
): DemoPayment {
	const works = line.pattern === 'works';
	const person = line.pattern === 'persons';
	const fen = Math.max(
		100,
		Math.round(rng.logNormal(works ? 180_000_00 : person ? 2_600_00 : 6_000_00, works ? 1 : 1.2))
	);
	const agency = rng.pick(line.agencyCodes);
	return {
		id,
		paidAt: paidAt.toISOString(),
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		agencyCode: agency,
		funcCode: line.funcCode,
		econCode: liveEconomicCode(line, rng),
		...(line.projectCode ? { projectCode: line.projectCode } : {}),
		amount: fenText(fen),
		payType: works ? 'direct' : 'authorized',
		payee: person ? livePersonPayee(rng) : rng.pick(orgPayees),
		payeeKind: person ? 'person' : 'org',
		purpose: `${unitName.get(agency) ?? ''}${line.projectName ?? ''}`
	};
}

/** A live payment's 款: the line's own, a goods 款 by frequency, or the 类's "other" (…99). */
function liveEconomicCode(line: DemoPlanLine, rng: Random): string {
	if (line.econCode.length === 5) return line.econCode;
	return line.econCode === '302' ? rng.weighted(GOODS_ECON, (e) => e[1])[0] : `${line.econCode}99`;
}
