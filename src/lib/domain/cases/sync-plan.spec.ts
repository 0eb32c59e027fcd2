import { describe, expect, it } from 'vitest';
import type { CaseGroup } from './grouping';
import { planCaseSync, type ActiveCase } from './sync-plan';

const group = (key: string, o: Partial<CaseGroup> = {}): CaseGroup => ({
	key,
	cause: 'payments',
	subject: '138',
	period: '2026-10',
	year: 2026,
	level: 'warning',
	amount: 100n,
	deptCode: '138',
	funcCode: null,
	projectCode: null,
	factFrom: '2026-10-01',
	factTo: '2026-10-01',
	headlineId: 1,
	findingIds: [1],
	...o
});
const active = (id: number, key: string, o: Partial<ActiveCase> = {}): ActiveCase => ({
	id,
	key,
	level: 'warning',
	status: 'open',
	amount: 100n,
	headlineId: 1,
	findingCount: 1,
	factFrom: '2026-10-01',
	factTo: '2026-10-01',
	...o
});

describe('planCaseSync', () => {
	it('opens new cases, leaves unchanged ones and clears those without findings', () => {
		const plan = planCaseSync([group('a'), group('b')], [active(1, 'a'), active(2, 'c')]);
		expect(plan.open.map((g) => g.key)).toEqual(['b']);
		expect(plan.update).toEqual([]);
		expect(plan.clear.map((c) => c.id)).toEqual([2]);
	});

	it('escalates, lowers, and updates evidence without a level change', () => {
		const plan = planCaseSync(
			[
				group('up', { level: 'severe' }),
				group('down', { level: 'notice' }),
				group('more', { findingIds: [1, 2], amount: 300n })
			],
			[active(1, 'up'), active(2, 'down'), active(3, 'more', { status: 'acknowledged' })]
		);
		expect(plan.update.map((u) => [u.case.id, u.move])).toEqual([
			[1, 'escalated'],
			[2, 'lowered'],
			[3, null]
		]);
		expect(plan.open).toEqual([]);
		expect(plan.clear).toEqual([]);
	});
});
