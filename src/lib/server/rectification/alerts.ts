// The audit-overdue rule re-judged inside a staff change's transaction: a finding marked rectified
// leaves /alerts (and one moved past its due date joins it) with the same commit.
import type { Executor } from '../../../../db/client';
import { fiscalDateOf } from '../../domain/fiscal';
import { reconcile } from '../alerts/engine';
import { auditOverdueEvaluation } from '../alerts/evaluation';
import { alertsEvent } from '../alerts/live';
import { openAlertCounts } from '../alerts/queries';
import { loadSettings } from '../alerts/rule-settings';
import { runtime } from '../runtime';
import type { NewLiveEvent } from '../write-path';

export async function reevaluateOverdue(tx: Executor): Promise<NewLiveEvent[]> {
	const asOf = fiscalDateOf(new Date(), runtime().config.fiscalTz);
	const settings = await loadSettings(tx);
	const changes = await reconcile(tx, [await auditOverdueEvaluation(tx, asOf, settings)]);
	if (changes.length === 0) return [];
	return [alertsEvent(changes, await openAlertCounts(tx, Number(asOf.slice(0, 4))))];
}
