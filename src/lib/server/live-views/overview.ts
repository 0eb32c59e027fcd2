// The overview as a live view: the figures of /(app) for a year and budget kind, per audience.
import { fiscalToday } from '../../domain/fiscal';
import { isBudgetKind } from '../../domain/budget-kinds';
import { overviewConcerns } from '../../live/concerns';
import type { OverviewViewKey } from '../../live/views';
import * as execution from '../execution';
import { defaultAsOf } from '../query';
import { runtime } from '../runtime';
import type { ViewDefinition } from './definition';

/** The as-of date the key stands for today. */
export function overviewAsOf(key: OverviewViewKey): string {
	return key.asOf ?? defaultAsOf(key.year, fiscalToday(runtime().config.fiscalTz));
}

export const overviewView: ViewDefinition<OverviewViewKey, execution.Overview> = {
	concerns: (key) => overviewConcerns(key.year, key.budgetKind),
	resolve: overviewAsOf,
	async compute(key, audience) {
		if (!isBudgetKind(key.budgetKind)) throw new Error(`not a budget kind: ${key.budgetKind}`);
		const data = await execution.overview(
			{ year: key.year, budgetKind: key.budgetKind, asOf: overviewAsOf(key) },
			audience
		);
		return { seq: data.seq, data };
	}
};
