import { describe, expect, it } from 'vitest';
import type { Evaluation, Finding } from './judges/evaluation';
import type { AlertLevel } from './params';
import { newFindings, planChanges, type ActiveAlert } from './reconcile';

const finding = (subjectKey: string, level: AlertLevel, summary = 's'): Finding => ({
	ruleType: 'overPlan',
	subjectKey,
	period: '2026',
	year: 2026,
	level,
	explanation: { summary: { zh: summary, en: summary } } as Finding['explanation']
});
const active = (id: number, subjectKey: string, level: AlertLevel, summary = 's'): ActiveAlert => ({
	id,
	subjectKey,
	period: '2026',
	level,
	status: 'open',
	deptCode: '122',
	explanation: { summary: { en: summary, zh: summary } }
});
const evaluation = (findings: Finding[], covers = true): Evaluation => ({
	ruleType: 'overPlan',
	findings,
	covers: () => covers
});
const actions = (plan: ReturnType<typeof planChanges>) =>
	plan.map((c) => [c.action, c.finding?.subjectKey ?? c.alert?.subjectKey, c.fromLevel, c.toLevel]);

describe('reconciling findings with the active alerts', () => {
	it('opens, raises, lowers and closes, and leaves what did not move', () => {
		const plan = planChanges(
			evaluation([
				finding('new', 'notice'),
				finding('up', 'severe'),
				finding('down', 'notice'),
				finding('same', 'warning')
			]),
			[
				active(1, 'up', 'warning'),
				active(2, 'down', 'warning'),
				active(3, 'same', 'warning'),
				active(4, 'gone', 'notice')
			],
			[]
		);
		expect(actions(plan)).toEqual([
			['open', 'new', undefined, 'notice'],
			['raise', 'up', 'warning', 'severe'],
			['lower', 'down', 'warning', 'notice'],
			['close', 'gone', 'notice', undefined]
		]);
	});

	it('closes an alert only inside what the evaluation covers', () => {
		const plan = planChanges(evaluation([], false), [active(4, 'gone', 'notice')], []);
		expect(plan).toEqual([]);
	});

	it('does not reopen what staff closed unless the level rises above the highest they closed', () => {
		const closed = [
			{ subjectKey: 'a', period: '2026', level: 'notice' as const },
			{ subjectKey: 'a', period: '2026', level: 'warning' as const }
		];
		expect(planChanges(evaluation([finding('a', 'warning')]), [], closed)).toEqual([]);
		expect(actions(planChanges(evaluation([finding('a', 'severe')]), [], closed))).toEqual([
			['open', 'a', undefined, 'severe']
		]);
	});

	it('refreshes the numbers of an alert at the same level when they changed, whatever the key order', () => {
		const moved = evaluation([finding('same', 'warning', 'new numbers')]);
		expect(actions(planChanges(moved, [active(3, 'same', 'warning')], []))).toEqual([
			['raise', 'same', 'warning', 'warning']
		]);
		const unchanged = evaluation([finding('same', 'warning')]);
		expect(planChanges(unchanged, [active(3, 'same', 'warning')], [])).toEqual([]);
	});

	it('asks for closed alerts only for findings no active alert has', () => {
		const e = evaluation([finding('a', 'notice'), finding('b', 'notice')]);
		expect(newFindings(e, [active(1, 'a', 'notice')]).map((f) => f.subjectKey)).toEqual(['b']);
	});
});
