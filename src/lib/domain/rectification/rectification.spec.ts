import { describe, expect, it } from 'vitest';
import {
	amountProblem,
	byGroup,
	daysLate,
	headline,
	isOverdue,
	isOverdueAt,
	mayEditFindings,
	nextStatuses,
	overdueCause,
	readFindingEdit,
	transitionProblem,
	type FindingFacts
} from './index';

const finding = (over: Partial<FindingFacts> = {}): FindingFacts => ({
	unitCode: '101',
	unitName: '市教育局',
	category: '预算执行',
	status: 'open',
	dueDate: '2026-06-30',
	amount: null,
	amountRectified: null,
	...over
});

describe('headline figures', () => {
	it('counts and sums exactly, rate by findings and by amount', () => {
		const h = headline(
			[
				finding({ status: 'done', amount: '1000.10', amountRectified: '1000.10' }),
				finding({ status: 'closed', amount: '0.20', amountRectified: '0.20' }),
				finding({ status: 'partial', amount: '2000.00', amountRectified: '500.05' }),
				finding({ status: 'open', amount: '0.10' })
			],
			'2026-06-01'
		);
		// 3000.40 involved; 1500.35 rectified; 2 of 4 rectified.
		expect(h).toEqual({
			findings: 4,
			rectified: 2,
			inProgress: 1,
			open: 1,
			overdue: 0,
			amount: '3000.40',
			amountRectified: '1500.35',
			rate: '0.5000',
			amountRate: '0.5000'
		});
	});

	it('keeps cents that floats would lose (0.1 + 0.2)', () => {
		const h = headline(
			[finding({ amount: '0.10', amountRectified: '0.10' }), finding({ amount: '0.20' })],
			'2026-01-01'
		);
		expect(h.amount).toBe('0.30');
		expect(h.amountRate).toBe('0.3333'); // 0.10 / 0.30
	});

	it('rounds the rate half away from zero to four decimals: 2 of 3 is 0.6667', () => {
		const h = headline(
			[finding({ status: 'done' }), finding({ status: 'closed' }), finding()],
			'2026-01-01'
		);
		expect(h.rate).toBe('0.6667');
		expect(h.amountRate).toBeNull(); // no amount involved
	});

	it('rounds the amount rate half away from zero: 0.01 of 200.00 is 0.00005 → 0.0001', () => {
		const h = headline(
			[
				finding({ status: 'partial', amount: '200.00', amountRectified: '0.01' }),
				finding({ status: 'open', amount: '0.00' })
			],
			'2026-01-01'
		);
		expect(h.amount).toBe('200.00');
		expect(h.amountRectified).toBe('0.01');
		expect(h.amountRate).toBe('0.0001');
		expect(h.rate).toBe('0.0000'); // none of 2 rectified
	});

	it('sums a year in 万元-sized figures to the 分 (hand-computed)', () => {
		// 123.4567万 = 1234567.00; 0.0001万 = 1.00; 10000.5万 = 100005000.00
		const h = headline(
			[
				finding({ status: 'closed', amount: '1234567.00', amountRectified: '1234567.00' }),
				finding({ status: 'done', amount: '1.00', amountRectified: '1.00' }),
				finding({ status: 'partial', amount: '100005000.00', amountRectified: '33335000.00' }),
				finding({ status: 'open', amount: null, dueDate: '2026-03-31' }),
				finding({ status: 'partial', amount: '0.99', dueDate: '2026-03-31' })
			],
			'2026-04-01'
		);
		// involved 1234567 + 1 + 100005000 + 0.99 = 101239568.99
		// rectified 1234567 + 1 + 33335000 = 34569568.00
		// amount rate 34569568.00 / 101239568.99 = 0.341463… → 0.3415; 2 of 5 rectified = 0.4000
		expect(h).toEqual({
			findings: 5,
			rectified: 2,
			inProgress: 2,
			open: 1,
			overdue: 2,
			amount: '101239568.99',
			amountRectified: '34569568.00',
			rate: '0.4000',
			amountRate: '0.3415'
		});
	});

	it('has no rate without findings', () => {
		expect(headline([], '2026-01-01').rate).toBeNull();
	});

	it('counts overdue findings as of the date', () => {
		const list = [
			finding({ dueDate: '2026-06-30' }),
			finding({ dueDate: '2026-06-30', status: 'done' }),
			finding({ dueDate: '2026-07-01', status: 'partial' })
		];
		expect(headline(list, '2026-06-30').overdue).toBe(0);
		expect(headline(list, '2026-07-01').overdue).toBe(1);
		expect(headline(list, '2026-07-02').overdue).toBe(2);
	});

	it('ranks units by findings not rectified, then amount', () => {
		const groups = byGroup(
			[
				finding({ unitCode: '101', unitName: 'A', status: 'done', amount: '9' }),
				finding({ unitCode: '102', unitName: 'B', amount: '1' }),
				finding({ unitCode: '103', unitName: 'C', amount: '5' }),
				finding({ unitCode: '103', unitName: 'C', status: 'partial' })
			],
			'2026-01-01',
			'unit'
		);
		expect(groups.map((g) => [g.key, g.findings - g.rectified, g.amount])).toEqual([
			['103', 2, '5.00'],
			['102', 1, '1.00'],
			['101', 0, '9.00']
		]);
	});

	it('groups by category, and a unit without a code by its name', () => {
		const groups = byGroup(
			[finding({ unitCode: null, unitName: '某公司', category: '国有资产' })],
			'2026-01-01',
			'unit'
		);
		expect(groups[0].key).toBe('某公司');
		expect(byGroup([finding()], '2026-01-01', 'category')[0].label).toBe('预算执行');
	});

	it('refuses an amount rectified above the amount involved or below zero', () => {
		expect(amountProblem('100.00', '100.00')).toBeNull();
		expect(amountProblem('100.00', '100.01')).toMatch(/exceed/);
		expect(amountProblem(null, '-1')).toMatch(/negative/);
		expect(amountProblem(null, '5')).toBeNull();
	});
});

describe('overdue', () => {
	it('starts on the day after the due date', () => {
		expect(isOverdue({ dueDate: '2026-06-30', status: 'open' }, '2026-06-30')).toBe(false);
		expect(isOverdue({ dueDate: '2026-06-30', status: 'open' }, '2026-07-01')).toBe(true);
	});

	it('turns at Shanghai midnight across the year end too', () => {
		const f = { dueDate: '2026-12-31', status: 'partial' as const };
		expect(isOverdueAt(f, new Date('2026-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe(false);
		expect(isOverdueAt(f, new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe(true);
		// A rectified finding stays on time past midnight.
		expect(
			isOverdueAt({ ...f, status: 'done' }, new Date('2027-01-01T16:00:00Z'), 'Asia/Shanghai')
		).toBe(false);
	});

	it('never for 已整改 or 销号', () => {
		expect(isOverdue({ dueDate: '2026-06-30', status: 'done' }, '2027-01-01')).toBe(false);
		expect(isOverdue({ dueDate: '2026-06-30', status: 'closed' }, '2027-01-01')).toBe(false);
		expect(isOverdue({ dueDate: '2026-06-30', status: 'partial' }, '2026-07-01')).toBe(true);
	});

	it('turns at Shanghai midnight, not UTC midnight', () => {
		const f = { dueDate: '2026-06-30', status: 'open' as const };
		// 2026-06-30 15:59:59 UTC is 23:59:59 on the due date in Shanghai.
		expect(isOverdueAt(f, new Date('2026-06-30T15:59:59Z'), 'Asia/Shanghai')).toBe(false);
		// 16:00 UTC is 00:00 on 1 July in Shanghai, while it is still 30 June in UTC.
		expect(isOverdueAt(f, new Date('2026-06-30T16:00:00Z'), 'Asia/Shanghai')).toBe(true);
		expect(isOverdueAt(f, new Date('2026-06-30T16:00:00Z'), 'UTC')).toBe(false);
	});

	it('counts days late across months and leap days', () => {
		expect(daysLate('2026-06-30', '2026-07-01')).toBe(1);
		expect(daysLate('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysLate('2026-06-30', '2026-06-30')).toBe(0);
	});

	const t = {
		days: { notice: '1', warning: '30', severe: '90' },
		amounts: { notice: '0', warning: '1000000', severe: '10000000' }
	};
	it('is as severe as the later of its lateness and its amount', () => {
		const f = (amount: string | null) => ({
			dueDate: '2026-06-30',
			status: 'open' as const,
			amount
		});
		expect(overdueCause(f(null), '2026-06-30', t)?.level ?? null).toBeNull();
		expect(overdueCause(f(null), '2026-07-01', t)?.level ?? null).toBe('notice');
		expect(overdueCause(f('999999.99'), '2026-07-30', t)?.level ?? null).toBe('warning'); // 30 days late
		expect(overdueCause(f('999999.99'), '2026-07-29', t)?.level ?? null).toBe('notice'); // 29 days, under 100万
		expect(overdueCause(f('1000000'), '2026-07-01', t)?.level ?? null).toBe('warning'); // 100万 on day one
		expect(overdueCause(f('10000000'), '2026-07-01', t)?.level ?? null).toBe('severe');
		expect(overdueCause(f('5'), '2026-09-28', t)?.level ?? null).toBe('severe'); // 90 days late
		expect(
			overdueCause({ ...f('1e9'), status: 'done' }, '2027-01-01', t)?.level ?? null
		).toBeNull();
	});
});

describe('status transitions', () => {
	it('members change nothing', () => {
		expect(transitionProblem('member', 'open', 'partial')).toBe('role');
		expect(nextStatuses('member', 'open')).toEqual(['open']);
	});

	it('only staff and admins create and edit findings', () => {
		expect(mayEditFindings('member')).toBe(false);
		expect(mayEditFindings('staff')).toBe(true);
		expect(mayEditFindings('admin')).toBe(true);
		for (const to of ['partial', 'done', 'closed'] as const)
			expect(transitionProblem('member', 'open', to)).toBe('role');
	});

	it('staff move work forward and correct one step back', () => {
		expect(transitionProblem('staff', 'partial', 'done')).toBeNull();
		expect(transitionProblem('staff', 'open', 'partial')).toBeNull();
		expect(transitionProblem('staff', 'open', 'done')).toBeNull();
		expect(transitionProblem('staff', 'partial', 'open')).toBeNull();
		expect(transitionProblem('staff', 'done', 'closed')).toBeNull();
		expect(transitionProblem('staff', 'done', 'partial')).toBeNull();
	});

	it('销号 only after 已整改; undoing it is for an admin', () => {
		expect(transitionProblem('staff', 'open', 'closed')).toBe('transition');
		expect(transitionProblem('staff', 'partial', 'closed')).toBe('transition');
		expect(transitionProblem('staff', 'closed', 'done')).toBe('transition');
		expect(transitionProblem('admin', 'closed', 'done')).toBeNull();
		expect(transitionProblem('admin', 'closed', 'open')).toBe('transition');
		expect(nextStatuses('staff', 'done')).toEqual(['done', 'partial', 'closed']);
		expect(nextStatuses('staff', 'closed')).toEqual(['closed']);
		expect(nextStatuses('admin', 'closed')).toEqual(['closed', 'done']);
	});

	it('an admin has every move staff have', () => {
		for (const [from, to] of [
			['open', 'partial'],
			['open', 'done'],
			['partial', 'open'],
			['partial', 'done'],
			['done', 'partial'],
			['done', 'closed']
		] as const)
			expect(transitionProblem('admin', from, to)).toBeNull();
		expect(transitionProblem('admin', 'open', 'closed')).toBe('transition');
	});

	it('keeping the status is no move', () => {
		expect(transitionProblem('staff', 'closed', 'closed')).toBeNull();
	});
});

describe('a staff edit', () => {
	const current = {
		status: 'open' as const,
		amountRectified: '0.00',
		dueDate: '2026-06-30',
		measures: null,
		rulesIssued: null,
		accountability: null,
		amount: '1000.00'
	};
	it('lists each changed field with old and new values', () => {
		const r = readFindingEdit('staff', current, {
			status: 'partial',
			amountRectified: '400.5',
			measures: ' 追回资金 '
		});
		expect(r).toEqual({
			ok: true,
			work: {
				...current,
				status: 'partial',
				amountRectified: '400.50',
				measures: '追回资金',
				amount: undefined
			},
			changes: [
				{ field: 'status', old: 'open', new: 'partial' },
				{ field: 'amountRectified', old: '0.00', new: '400.50' },
				{ field: 'measures', old: null, new: '追回资金' }
			]
		});
	});
	it('names the field of the first problem', () => {
		expect(readFindingEdit('staff', current, { amountRectified: '1000.01' })).toMatchObject({
			ok: false,
			field: 'amountRectified'
		});
		expect(readFindingEdit('staff', current, { status: 'closed' })).toMatchObject({
			ok: false,
			field: 'status'
		});
		expect(readFindingEdit('member', current, { status: 'partial' })).toMatchObject({
			ok: false,
			field: 'role'
		});
		expect(readFindingEdit('staff', current, { dueDate: '2026-02-30' })).toMatchObject({
			ok: false,
			field: 'dueDate'
		});
	});
	it('changes nothing when nothing differs', () => {
		expect(readFindingEdit('staff', current, { amountRectified: '0' })).toMatchObject({
			ok: true,
			changes: []
		});
	});
});
