/**
 * How the cases a grouping makes meet the stored active cases of the same scope: which to open,
 * which to update (escalated, lowered or only new evidence or amounts) and which clear themselves
 * because none of their findings is active any more. Same inputs → same plan.
 */
import type { Fen } from '../money';
import type { AlertLevel } from '../alerts/params';
import { LEVEL_ORDER, type CaseGroup } from './grouping';

/** An open or acknowledged case as the sync reads it. */
export interface ActiveCase {
	id: number;
	key: string;
	level: AlertLevel;
	status: 'open' | 'acknowledged';
	amount: Fen;
	headlineId: number | null;
	findingCount: number;
	factFrom: string | null;
	factTo: string | null;
}

export interface CaseUpdate {
	case: ActiveCase;
	group: CaseGroup;
	/** A level change is history and a live event; otherwise only the figures or evidence moved. */
	move: 'escalated' | 'lowered' | null;
}

export interface CaseSyncPlan {
	open: CaseGroup[];
	update: CaseUpdate[];
	clear: ActiveCase[];
}

function changed(c: ActiveCase, g: CaseGroup): boolean {
	return (
		c.level !== g.level ||
		c.amount !== g.amount ||
		c.headlineId !== g.headlineId ||
		c.findingCount !== g.findingIds.length ||
		c.factFrom !== g.factFrom ||
		c.factTo !== g.factTo
	);
}

export function planCaseSync(
	groups: readonly CaseGroup[],
	active: readonly ActiveCase[]
): CaseSyncPlan {
	const byKey = new Map(active.map((c) => [c.key, c]));
	const plan: CaseSyncPlan = { open: [], update: [], clear: [] };
	const seen = new Set<string>();
	for (const g of groups) {
		seen.add(g.key);
		const c = byKey.get(g.key);
		if (!c) {
			plan.open.push(g);
			continue;
		}
		if (!changed(c, g)) continue;
		const diff = LEVEL_ORDER[g.level] - LEVEL_ORDER[c.level];
		plan.update.push({
			case: c,
			group: g,
			move: diff > 0 ? 'escalated' : diff < 0 ? 'lowered' : null
		});
	}
	for (const c of active) if (!seen.has(c.key)) plan.clear.push(c);
	return plan;
}
