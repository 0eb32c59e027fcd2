import { describe, expect, it } from 'vitest';
import { demoAuditFindings } from './audit';
import { matchPlanted, PLANTED } from './planted';
import { plantedAuditOverdue, plantedList } from './planted-audit';

describe('the overdue audit findings the demo plants', () => {
	const overdue = plantedAuditOverdue(2026);
	const byId = new Map(demoAuditFindings(2026).map((f) => [f.id, f]));

	it('lists every finding still 未整改 or 部分整改 after a due date in the year, and no other', () => {
		expect(overdue.length).toBeGreaterThan(0);
		for (const a of overdue) {
			const f = byId.get(a.subjectKey!)!;
			expect(['open', 'partial']).toContain(f.status);
			expect(`2026-${a.on}` > f.dueDate).toBe(true);
			expect(a.deptCode).toMatch(/^\d{3}$/);
		}
		const expected = [...byId.values()].filter(
			(f) => (f.status === 'open' || f.status === 'partial') && f.dueDate < '2026-12-31'
		);
		expect(overdue.map((a) => a.subjectKey)).toEqual(expected.map((f) => f.id));
	});

	it('counts from the day after the due date: a finding due 30 November is overdue on 1 December', () => {
		const november = overdue.find((a) => byId.get(a.subjectKey!)!.dueDate === '2026-11-30');
		expect(november?.on).toBe('12-01');
		const item = {
			ruleTypes: ['auditOverdue'],
			deptCode: november!.deptCode,
			subjectKeys: [november!.subjectKey!]
		};
		expect(matchPlanted([november!], [item], { year: 2026, through: '2026-11-30' }).expected).toBe(
			0
		);
		expect(matchPlanted([november!], [item], { year: 2026, through: '2026-12-01' }).recall).toBe(1);
	});

	it('adds them to the planted list with ids of their own', () => {
		const all = plantedList(2026);
		expect(all.length).toBe(PLANTED.length + overdue.length);
		expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
	});
});
