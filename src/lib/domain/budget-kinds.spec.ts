import { describe, expect, it } from 'vitest';
import { BUDGET_KINDS, isBudgetKind } from './budget-kinds';

describe('budget kinds', () => {
	it('are the four budgets, the general budget first', () => {
		expect([...BUDGET_KINDS]).toEqual(['general', 'fund', 'capital', 'social']);
	});

	it('recognises each kind and nothing else', () => {
		for (const kind of BUDGET_KINDS) expect(isBudgetKind(kind)).toBe(true);
		for (const other of ['GENERAL', 'Fund', '', ' general', 'debt', null, undefined, 1])
			expect(isBudgetKind(other)).toBe(false);
	});
});
