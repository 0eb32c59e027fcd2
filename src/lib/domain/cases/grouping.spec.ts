import { describe, expect, it } from 'vitest';
import { caseKeyOf, factDate, groupFindings, rankCases, type FindingRow } from './grouping';

let nextId = 1;
function finding(o: Partial<FindingRow> & { inputs?: unknown[] }): FindingRow {
	const { inputs, ...rest } = o;
	return {
		id: nextId++,
		ruleType: 'paceLag',
		subjectKey: 'general:dept:138',
		period: '2026',
		year: 2026,
		level: 'warning',
		deptCode: '138',
		funcCode: null,
		projectCode: null,
		explanation: { inputs: inputs ?? [] },
		...rest
	};
}
const yuan = (en: string, value: string) => ({ label: { zh: en, en }, value, unit: 'yuan' });
const date = (en: string, value: string) => ({ label: { zh: en, en }, value, unit: 'date' });

const lag = (plan: string, executed: string, o: Partial<FindingRow> = {}) =>
	finding({
		inputs: [yuan('plan', plan), yuan('executed', executed), date('as of', '2026-11-30')],
		...o
	});
const payment = (amount: string, paidOn: string, o: Partial<FindingRow> = {}) =>
	finding({
		ruleType: 'largePayment',
		subjectKey: `P${nextId}`,
		inputs: [yuan('amount', amount), date('paid on', paidOn)],
		...o
	});

describe('groupFindings', () => {
	it("gathers a department's lag and its four projects' lag into one case with five findings", () => {
		const dept = lag('10000000.00', '2000000.00');
		const projects = ['P1', 'P2', 'P3', 'P4'].map((p, i) =>
			lag('2000000.00', '100000.00', {
				subjectKey: `general:project:138:${p}`,
				projectCode: p,
				level: i === 0 ? 'severe' : 'notice'
			})
		);
		const cases = groupFindings([...projects, dept]);
		expect(cases).toHaveLength(1);
		const [c] = cases;
		expect(c.key).toBe('spendingBehind|general:138|2026');
		// Headed by the finding that gives the case its level (P1, severe), then the department.
		expect(c.headlineId).toBe(projects[0].id);
		expect(c.findingIds.slice(0, 2)).toEqual([projects[0].id, dept.id]);
		expect(c.findingIds).toHaveLength(5);
		// The highest level of its findings; the largest amount (the department covers its projects).
		expect(c.level).toBe('severe');
		expect(c.amount).toBe(800_000_000n);
		expect(c.projectCode).toBeNull();
		expect(c.factFrom).toBe('2026-11-30');
	});

	it('makes projects lagging without their department one department case', () => {
		const cases = groupFindings([
			lag('2000000.00', '0.00', {
				subjectKey: 'general:project:138:A',
				projectCode: 'A',
				level: 'severe'
			}),
			lag('3000000.00', '0.00', { subjectKey: 'general:project:138:B', projectCode: 'B' })
		]);
		expect(cases).toHaveLength(1);
		expect(cases[0].amount).toBe(300_000_000n);
	});

	it('joins idle projects and Q3 low execution to the department case, by budget kind', () => {
		const cases = groupFindings([
			lag('1000000.00', '0.00'),
			finding({
				ruleType: 'projectIdle',
				subjectKey: 'general:138:X',
				projectCode: 'X',
				level: 'notice'
			}),
			finding({ ruleType: 'q3LowExecution', subjectKey: 'general:138', level: 'severe' }),
			lag('1000000.00', '0.00', { subjectKey: 'fund:dept:138' })
		]);
		expect(cases.map((c) => c.key).sort()).toEqual([
			'spendingBehind|fund:138|2026',
			'spendingBehind|general:138|2026'
		]);
		expect(cases[0].level).toBe('severe');
		expect(cases[0].findingIds).toHaveLength(3);
	});

	it('leaves city and 类 lag out: context, not a case', () => {
		const city = lag('1.00', '0.00', { subjectKey: 'general:city', deptCode: null });
		const cls = lag('1.00', '0.00', {
			subjectKey: 'general:class:201',
			deptCode: null,
			funcCode: '201'
		});
		expect(caseKeyOf(city)).toBeNull();
		expect(groupFindings([city, cls])).toEqual([]);
	});

	it("opens no case for a project's notice or warning lag alone: evidence of its department's", () => {
		const project = (level: 'notice' | 'warning' | 'severe', code = 'P1') =>
			lag('2000000.00', '1000000.00', {
				subjectKey: `general:project:138:${code}`,
				projectCode: code,
				level
			});
		expect(groupFindings([project('notice'), project('warning', 'P2')])).toEqual([]);
		const [alone] = groupFindings([project('severe'), project('warning', 'P2')]);
		expect([alone.key, alone.level, alone.findingIds.length]).toEqual([
			'spendingBehind|general:138|2026',
			'severe',
			2
		]);
		const dept = lag('10000000.00', '8000000.00', { level: 'notice' });
		const warn = project('warning');
		const [withDept] = groupFindings([warn, dept]);
		// The warning project heads the case, the department's notice next.
		expect([withDept.headlineId, withDept.level, withDept.findingIds]).toEqual([
			warn.id,
			'warning',
			[warn.id, dept.id]
		]);
		// At the same level the department heads its projects.
		const [same] = groupFindings([project('notice'), dept]);
		expect(same.headlineId).toBe(dept.id);
	});

	it('puts the payments of one department and fiscal month into one case, amounts summed', () => {
		const cases = groupFindings([
			payment('1000000.00', '2026-10-01', { level: 'notice' }),
			payment('60000000.00', '2026-10-31', { level: 'severe' }),
			payment('2000000.00', '2026-11-01', { level: 'notice' }),
			payment('50000000.00', '2026-10-15', { deptCode: '201', level: 'severe' })
		]);
		expect(cases.map((c) => [c.key, c.level, c.amount, c.findingIds.length])).toEqual([
			['payments|138|2026-10', 'severe', 6_100_000_000n, 2],
			['payments|201|2026-10', 'severe', 5_000_000_000n, 1]
		]);
		expect(cases[0].factFrom).toBe('2026-10-01');
		expect(cases[0].factTo).toBe('2026-10-31');
	});

	it('opens no case for large payments under the severe threshold alone: they are evidence', () => {
		const notice = payment('1000000.00', '2026-10-01', { level: 'notice' });
		const warning = payment('49999999.99', '2026-10-02', { level: 'warning' });
		expect(groupFindings([notice, warning])).toEqual([]);
		// A split payment of the same unit and month opens the case; the large payments join it.
		const split = finding({
			ruleType: 'splitPayment',
			subjectKey: '138:P-9',
			level: 'notice',
			inputs: [yuan('total', '2910000.00'), date('first paid on', '2026-10-05')]
		});
		const [c] = groupFindings([notice, warning, split]);
		expect(c.key).toBe('payments|138|2026-10');
		expect(c.level).toBe('warning');
		expect([...c.findingIds].sort()).toEqual([notice.id, warning.id, split.id].sort());
		// Another month's split does not carry them.
		const novemberSplit = finding({
			ruleType: 'splitPayment',
			subjectKey: '138:P-10',
			inputs: [yuan('total', '2910000.00'), date('first paid on', '2026-11-05')]
		});
		expect(groupFindings([notice, novemberSplit]).map((g) => g.findingIds)).toEqual([
			[novemberSplit.id]
		]);
	});

	it('keeps one over-plan line per case with the amount over plan', () => {
		const over = (key: string, plan: string, executed: string) =>
			finding({
				ruleType: 'overPlan',
				subjectKey: key,
				funcCode: '2010101',
				inputs: [yuan('available plan', plan), yuan('executed to date', executed)]
			});
		const cases = groupFindings([
			over('general:138:2010101', '100.00', '114.80'),
			over('general:138:2010102', '100.00', '90.00')
		]);
		expect(cases).toHaveLength(2);
		expect(cases[0].amount).toBe(1480n);
		expect(cases[0].funcCode).toBe('2010101');
		expect(cases[1].amount).toBe(0n);
	});

	it('gives a rule type it does not know one case per subject and period, with its largest amount', () => {
		const debt = finding({
			ruleType: 'debtRatio',
			subjectKey: 'city',
			period: '2026',
			deptCode: null,
			level: 'severe',
			inputs: [yuan('debt balance', '900.00'), yuan('capacity', '500.00'), { unit: 'yuan' }]
		});
		const audit = finding({ ruleType: 'auditOverdue', subjectKey: 'F-7', level: 'notice' });
		const again = finding({ ruleType: 'auditOverdue', subjectKey: 'F-7', level: 'warning' });
		const cases = groupFindings([audit, debt, again]);
		expect(cases.map((c) => [c.key, c.level, c.amount])).toEqual([
			['debtRatio|city|2026', 'severe', 90000n],
			['auditOverdue|F-7|2026', 'warning', 0n]
		]);
		expect(cases[1].findingIds).toEqual([again.id, audit.id]);
	});

	it('tolerates explanations without inputs or with bad amounts', () => {
		const odd = finding({ ruleType: 'noPlan', subjectKey: 'x', explanation: null });
		const bad = finding({
			ruleType: 'noPlan',
			subjectKey: 'y',
			inputs: [yuan('spent without a plan', 'abc')]
		});
		const cases = groupFindings([odd, bad]);
		expect(cases.map((c) => c.amount)).toEqual([0n, 0n]);
		expect(factDate(odd)).toBeNull();
	});

	it('is deterministic: the same findings in any order give the same cases', () => {
		const list = [
			lag('1000000.00', '0.00'),
			payment('1000000.00', '2026-10-01'),
			payment('60000000.00', '2026-10-02', { level: 'severe' }),
			finding({ ruleType: 'threePublic', subjectKey: 'general:138', level: 'severe' })
		];
		expect(groupFindings([...list].reverse())).toEqual(groupFindings(list));
	});
});

describe('rankCases', () => {
	it('ranks by level, then amount involved, then key', () => {
		const c = (key: string, level: 'notice' | 'warning' | 'severe', amount: bigint) => ({
			key,
			level,
			amount
		});
		const ranked = rankCases([
			c('a', 'notice', 9n),
			c('b', 'severe', 1n),
			c('d', 'severe', 5n),
			c('c', 'severe', 5n)
		]);
		expect(ranked.map((x) => x.key)).toEqual(['c', 'd', 'b', 'a']);
	});
});
