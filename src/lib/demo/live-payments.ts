/** Payments "as they happen" for the live demo feed, on the lines a treasury pays on every day. */
import { GOODS_ECON } from './codes';
import type { DemoCity } from './city';
import { fenText } from './numbers';
import { lineKey, linePayees, livePersonPayee, orgPayees, WORKS_TRADES } from './payees';
import type { DemoPayment } from './payments';
import type { DemoPlanLine } from './plan-lines';
import { purposeOf } from './purposes';
import type { Random } from './random';

/** Mean payment (fen) of each live pattern: works large, goods a few thousand 元, individuals less. */
const MEAN_FEN = { works: 300_000_00, goods: 14_000_00, persons: 3_300_00 } as const;
/** The live feed never pays more than this at once (5百万元): the year's large payments are seeded. */
const LIVE_CAP_FEN = 5_000_000_00;

/** How often the live feed pays on a line: its amount over its pattern's mean payment. */
export function liveLineWeight(line: DemoPlanLine): number {
	const mean = MEAN_FEN[line.pattern as keyof typeof MEAN_FEN] ?? MEAN_FEN.goods;
	return Number(line.amount) / mean + 0.01;
}

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
	paidAt: Date
): DemoPayment {
	const works = line.pattern === 'works';
	const person = line.pattern === 'persons';
	const fen = Math.min(
		LIVE_CAP_FEN,
		Math.max(
			100,
			Math.round(rng.logNormal(works ? 180_000_00 : person ? 2_600_00 : 6_000_00, works ? 1 : 1.2))
		)
	);
	const agency = rng.pick(line.agencyCodes);
	const econCode = liveEconomicCode(line, rng);
	const month = Number(new Date(paidAt.getTime() + 8 * 3_600_000).toISOString().slice(5, 7));
	return {
		id,
		paidAt: paidAt.toISOString(),
		budgetKind: line.budgetKind ?? 'general',
		deptCode: line.deptCode,
		agencyCode: agency,
		funcCode: line.funcCode,
		econCode,
		...(line.projectCode ? { projectCode: line.projectCode } : {}),
		amount: fenText(fen),
		payType: works ? 'direct' : 'authorized',
		// A works line pays its own contractors (the first of those its history pays), never the city's
		// book shop or utilities.
		payee: person
			? livePersonPayee(rng)
			: rng.pick(works ? linePayees(lineKey(line), 4, WORKS_TRADES) : orgPayees),
		payeeKind: person ? 'person' : 'org',
		purpose: purposeOf(line.pattern, line, econCode, month, rng)
	};
}

/** A live payment's 款: the line's own, a goods 款 by frequency, or the 类's "other" (…99). */
function liveEconomicCode(line: DemoPlanLine, rng: Random): string {
	if (line.econCode.length === 5) return line.econCode;
	return line.econCode === '302' ? rng.weighted(GOODS_ECON, (e) => e[1])[0] : `${line.econCode}99`;
}
