import { beforeEach, describe, expect, it } from 'vitest';
import { names, ruleSettings } from '../../../../../tests/support/alert-judging';
import { DEFAULT_PROFILES } from '../profiles';
import { judgeDuplicatePayments, judgeSplitPayments, type PaidFact } from './payment-patterns';

const TZ = 'Asia/Shanghai';
let n = 0;
beforeEach(() => {
	n = 0;
});
/** A payment of department 122 to payee A at a Shanghai wall-clock time ("2026-03-01 23:30"). */
const paid = (at: string, yuan: number, more: Partial<PaidFact> = {}): PaidFact => ({
	id: `P-${String(++n).padStart(3, '0')}`,
	paidAt: new Date(`${at.replace(' ', 'T')}:00+08:00`),
	budgetKind: 'general',
	deptCode: '122',
	funcCode: '2050202',
	econCode: '31002',
	payeeKey: 'A',
	amount: BigInt(Math.round(yuan * 100)),
	...more
});

const split = (payments: PaidFact[], profiles = DEFAULT_PROFILES) =>
	judgeSplitPayments(payments, ruleSettings({}, { profiles }).splitPayment, names, 2026, TZ)
		.findings;
const dup = (payments: PaidFact[]) =>
	judgeDuplicatePayments(
		payments,
		ruleSettings({}, { profiles: DEFAULT_PROFILES }).duplicatePayment,
		names,
		2026,
		TZ
	).findings;

describe('化整为零 split payments', () => {
	it('finds payments just under 100万 whose sum crosses it within 7 fiscal days', () => {
		const found = split([paid('2026-03-01 09:00', 900_000), paid('2026-03-07 16:00', 850_000)]);
		expect(found.map((f) => [f.subjectKey, f.level, f.deptCode])).toEqual([
			['122:P-001', 'notice', '122']
		]);
		expect(found[0].explanation.inputs.map((i) => i.value)).toEqual([
			'2',
			'1750000.00',
			'2026-03-01',
			'2026-03-07',
			'P-001, P-002',
			'7'
		]);
		expect(JSON.stringify(found[0].explanation)).not.toMatch(/"A"/); // the payee is never named
	});

	it('is nothing for one part alone or beside a payment under the near share (80% of 100万)', () => {
		expect(split([paid('2026-03-01 09:00', 900_000)])).toEqual([]);
		expect(
			split([paid('2026-03-01 09:00', 900_000), paid('2026-03-02 09:00', 799_999.99)])
		).toEqual([]); // under 80%: an ordinary payment, not a part made to stay under 100万
		expect(
			split([paid('2026-03-01 09:00', 900_000), paid('2026-03-02 09:00', 800_000)])
		).toHaveLength(1);
	});

	it('ends the window after the 7th fiscal day', () => {
		expect(split([paid('2026-03-01 09:00', 900_000), paid('2026-03-08 09:00', 900_000)])).toEqual(
			[]
		);
	});

	it('counts days in Shanghai: 23:30 is still the 7th day, 00:30 the 8th', () => {
		// 2026-03-07 23:30 in Shanghai is 15:30 UTC the same day; 2026-03-08 00:30 is 16:30 UTC on the 7th.
		const inside = paid('2026-03-07 23:30', 900_000);
		const outside = paid('2026-03-08 00:30', 900_000);
		expect(inside.paidAt.toISOString()).toBe('2026-03-07T15:30:00.000Z');
		expect(outside.paidAt.toISOString()).toBe('2026-03-07T16:30:00.000Z');
		expect(split([paid('2026-03-01 00:10', 900_000), inside])).toHaveLength(1);
		expect(split([paid('2026-03-01 00:10', 900_000), outside])).toEqual([]);
	});

	it('grades by the highest threshold the parts under 100万 reach together: 500万 warning', () => {
		const six = Array.from({ length: 6 }, (_, i) => paid(`2026-04-0${i + 1} 10:00`, 900_000));
		expect(split(six).map((f) => f.level)).toEqual(['warning']); // 540万 ≥ 500万, each < 100万
		const five = six.slice(0, 5);
		expect(split(five).map((f) => f.level)).toEqual(['notice']); // 450万 < 500万
	});

	it('takes no large payment as a part: each is reviewed on its own already', () => {
		// Three instalments of 2000万 (6000万 in three days) are large payments, not a split.
		const big = Array.from({ length: 3 }, (_, i) => paid(`2026-05-0${i + 1} 10:00`, 20_000_000));
		expect(split(big)).toEqual([]);
		// 100万 exactly is a large payment (at the notice threshold): no part.
		expect(
			split([paid('2026-03-01 09:00', 1_000_000), paid('2026-03-02 09:00', 999_999.99)])
		).toEqual([]);
		// Beside a large payment, the parts under 100万 still make a split of their own.
		const mixed = split([
			paid('2026-03-01 09:00', 900_000),
			paid('2026-03-02 09:00', 3_000_000),
			paid('2026-03-03 09:00', 950_000)
		]);
		expect(mixed.map((f) => [f.level, f.explanation.inputs[1].value])).toEqual([
			['notice', '1850000.00']
		]);
	});

	it('keeps units and payees apart and leaves wage runs out', () => {
		expect(
			split([
				paid('2026-03-01 09:00', 900_000),
				paid('2026-03-02 09:00', 900_000, { payeeKey: 'B' })
			])
		).toEqual([]);
		expect(
			split([
				paid('2026-03-01 09:00', 900_000),
				paid('2026-03-02 09:00', 900_000, { deptCode: '131' })
			])
		).toEqual([]);
		const wages = [
			paid('2026-03-01 09:00', 900_000, { econCode: '30101' }),
			paid('2026-03-02 09:00', 900_000, { econCode: '30101' })
		];
		expect(split(wages)).toEqual([]);
		expect(split(wages, [])).toHaveLength(1);
	});
});

describe('重复支付 duplicate payments', () => {
	it('finds the same amount to the same payee within 3 fiscal days under different ids', () => {
		const found = dup([paid('2026-06-01 10:00', 48_000), paid('2026-06-04 15:00', 48_000)]);
		expect(found.map((f) => [f.subjectKey, f.level])).toEqual([['122:P-001', 'warning']]);
		expect(found[0].explanation.summary.zh).toMatch(/相隔 3 天 ≤ 预警阈值 3 天/);
	});

	it('is nothing 4 days apart, for another amount, another payee or under 1万', () => {
		expect(dup([paid('2026-06-01 10:00', 48_000), paid('2026-06-05 10:00', 48_000)])).toEqual([]);
		expect(dup([paid('2026-06-01 10:00', 48_000), paid('2026-06-02 10:00', 48_000.01)])).toEqual(
			[]
		);
		expect(
			dup([paid('2026-06-01 10:00', 48_000), paid('2026-06-02 10:00', 48_000, { payeeKey: 'B' })])
		).toEqual([]);
		expect(dup([paid('2026-06-01 10:00', 9_999.99), paid('2026-06-01 11:00', 9_999.99)])).toEqual(
			[]
		);
	});

	it('counts Shanghai days and leaves 代发 runs out', () => {
		// 2026-06-04 23:59 Shanghai is day 3; 2026-06-05 00:01 is day 4.
		expect(dup([paid('2026-06-01 00:01', 20_000), paid('2026-06-04 23:59', 20_000)])).toHaveLength(
			1
		);
		expect(dup([paid('2026-06-01 23:59', 20_000), paid('2026-06-05 00:01', 20_000)])).toEqual([]);
		const daifa = (at: string) => paid(at, 20_000, { econCode: '30305' });
		expect(dup([daifa('2026-06-01 10:00'), daifa('2026-06-01 11:00')])).toEqual([]);
	});

	it('makes one finding of a run of three', () => {
		const run = [1, 2, 3].map((d) => paid(`2026-07-0${d} 10:00`, 30_000));
		const found = dup(run);
		expect(found).toHaveLength(1);
		expect(found[0].explanation.inputs[0].value).toBe('3');
	});
});
