import { describe, expect, it } from 'vitest';
import { fiscalDateOf } from '../domain/fiscal';
import { buildDemoCity } from './city';
import {
	findingItem,
	matchPlanted,
	PLANTED,
	plantedFrom,
	plantedPayments,
	shows,
	type FoundItem
} from './planted';

const YEAR = 2026;
const THROUGH = '2026-12-06';

/** One finding per planted anomaly that stays, as the engine would key it. */
const perfect = (): FoundItem[] =>
	PLANTED.filter((a) => a.stays !== false && plantedFrom(a, YEAR, THROUGH) <= THROUGH).map((a) =>
		findingItem({
			ruleType: a.rules[0],
			subjectKey: (a.subjectKey ?? `general:${a.deptCode}:${a.projectCode ?? 'x'}`).replace(
				'{year}',
				String(YEAR)
			),
			deptCode: a.deptCode,
			projectCode: a.projectCode
		})
	);

describe('the planted list', () => {
	it('has unique ids and names a rule for each anomaly', () => {
		expect(new Set(PLANTED.map((a) => a.id)).size).toBe(PLANTED.length);
		expect(PLANTED.every((a) => a.rules.length > 0)).toBe(true);
	});

	it('plants the split payments within 7 Shanghai days, the duplicate 2 days apart, the project at 114.8%', () => {
		const paid = plantedPayments(YEAR, `${YEAR}-12-31`);
		const days = paid.map((p) => fiscalDateOf(new Date(p.paidAt)));
		expect(days.slice(0, 3)).toEqual(['2026-04-08', '2026-04-10', '2026-04-13']);
		expect(new Set(paid.slice(0, 3).map((p) => p.payee)).size).toBe(1);
		expect(paid.slice(0, 3).every((p) => Number(p.amount) < 1_000_000)).toBe(true);
		expect(paid[3].amount).toBe(paid[4].amount);
		expect(paid[3].id).not.toBe(paid[4].id);
		const line = buildDemoCity(YEAR).lines.find((l) => l.projectCode === '2024139901')!;
		const spent = paid
			.filter((p) => p.projectCode === '2024139901')
			.reduce((s, p) => s + Number(p.amount), 0);
		expect((spent / (Number(line.amount) / 100)) * 100).toBeCloseTo(114.8, 5);
		expect(plantedPayments(YEAR, '2026-04-10').map((p) => p.id)).toEqual([
			'ZF2026-Y0001',
			'ZF2026-Y0002',
			'ZF2026-Y0006'
		]);
	});
});

describe('matching found items to the planted list', () => {
	it('scores a perfect engine at recall 1 and precision 1', () => {
		const score = matchPlanted(PLANTED, perfect(), { year: YEAR, through: THROUGH });
		expect(score).toMatchObject({ recall: 1, precision: 1, missed: [], unexplained: [] });
		expect(score.expected).toBe(PLANTED.length - 2); // no feed gap (cleared), no December rush yet
	});

	it('counts what is missed and what no planted anomaly explains', () => {
		const items = perfect().filter((i) => !i.ruleTypes.includes('splitPayment'));
		items.push(
			findingItem({ ruleType: 'largePayment', subjectKey: 'ZF2026-000123', deptCode: '150' })
		);
		const score = matchPlanted(PLANTED, items, { year: YEAR, through: THROUGH });
		expect(score.missed.map((a) => a.id)).toEqual(['split-payments']);
		expect(score.recall).toBeCloseTo((score.expected - 1) / score.expected, 10);
		expect(score.unexplained).toHaveLength(1);
		expect(score.precision).toBeCloseTo((items.length - 1) / items.length, 10);
	});

	it('matches a case by its department and the projects or subjects of its findings', () => {
		const behind = PLANTED.find((a) => a.id === 'dept-behind-138')!;
		const deptCase: FoundItem = {
			ruleTypes: ['paceLag'],
			deptCode: '138',
			subjectKeys: ['general:dept:138', 'general:project:138:2024138901']
		};
		expect(shows(behind, deptCase, YEAR)).toBe(true);
		expect(shows(behind, { ...deptCase, deptCode: '133' }, YEAR)).toBe(false);
		expect(shows(behind, { ...deptCase, ruleTypes: ['largePayment'] }, YEAR)).toBe(false);
		const idle = PLANTED.find((a) => a.id === 'idle-project')!;
		expect(shows(idle, deptCase, YEAR)).toBe(true); // its project's subject key
		expect(shows(idle, { ...deptCase, subjectKeys: ['general:dept:138'] }, YEAR)).toBe(false);
	});

	it('counts an anomaly only from when the data shows it', () => {
		const early = matchPlanted(PLANTED, [], { year: YEAR, through: '2026-02-15' });
		// The asset reports, the debt ratio (January's debt record), and the payments and the unknown code planted on days of the month before the data's last (January).
		expect(early.expected).toBe(9);
		expect(matchPlanted(PLANTED, [], { year: YEAR, through: '2026-12-31' }).expected).toBe(
			PLANTED.length - 1
		);
		expect(
			matchPlanted(PLANTED, [], { year: YEAR, through: THROUGH, withCleared: true }).expected
		).toBe(PLANTED.length - 1);
	});
});
