import { describe, expect, it } from 'vitest';
import { debtYear, debtYears, isBondFunction, serviceGap, type DebtRow } from './debt';

const row = (period: string, debtType: DebtRow['debtType'], o: Partial<DebtRow> = {}): DebtRow => ({
	period,
	debtType,
	limit: '0',
	balance: '0',
	issued: null,
	refinanced: null,
	principalRepaid: null,
	interestPaid: null,
	principalDue: null,
	interestDue: null,
	capacity: null,
	...o
});

describe('a year of debt', () => {
	const rows: DebtRow[] = [
		row('2025', 'general', { limit: '100', balance: '90', issued: '7', capacity: '150' }),
		row('2026-01', 'general', {
			limit: '120.50',
			balance: '95.10',
			interestPaid: '0.10',
			interestDue: '0.10'
		}),
		row('2026-02', 'general', {
			limit: '120.50',
			balance: '94.10',
			principalRepaid: '1',
			interestPaid: '0.20',
			principalDue: '1',
			interestDue: '0.30'
		}),
		row('2026-02', 'special', {
			limit: '200',
			balance: '180.01',
			issued: '30.01',
			refinanced: '5',
			capacity: '250'
		}),
		row('2026-01', 'special', { limit: '200', balance: '150', issued: '0.01' })
	];
	it('takes limit and balance from the latest period, flows summed over months, exactly', () => {
		const y = debtYear(rows, 2026)!;
		expect(y.types.map((t) => [t.debtType, t.asOf, t.limit, t.balance, t.headroom])).toEqual([
			['general', '2026-02', '120.50', '94.10', '26.40'],
			['special', '2026-02', '200.00', '180.01', '19.99']
		]);
		expect(y.limit).toBe('320.50');
		expect(y.balance).toBe('274.11');
		expect(y.flows.issued).toBe('30.02');
		expect(y.flows.refinanced).toBe('5.00');
		expect(y.flows.interestPaid).toBe('0.30');
		expect(y.flows.interestDue).toBe('0.40');
		expect(y.months[1].flows.interestPaid).toBe('0.20');
		expect(y.months[1].flows.issued).toBe('30.01');
		expect(y.months[11].flows.issued).toBe('0.00');
		// usage 94.10 / 120.50 = 0.780912…
		expect(y.types[0].usage).toBe('0.7809');
	});
	it('grades the debt ratio: 274.11 / 250 = 109.644% → green, shown 109.64%', () => {
		const y = debtYear(rows, 2026)!;
		expect(y.capacity).toBe('250');
		expect(y.ratio).toEqual({ value: '1.0964', percent: '109.64', grade: 'green' });
	});
	it('uses a year record alone when the year has no months', () => {
		const y = debtYear(rows, 2025)!;
		expect(y.flows.issued).toBe('7.00');
		// 90 / 150 = 60%
		expect(y.ratio).toEqual({ value: '0.6000', percent: '60.00', grade: 'green' });
		expect(debtYear(rows, 2024)).toBeNull();
		expect(debtYears(rows)).toEqual([2026, 2025]);
	});
	it('a year record stands after its months', () => {
		const y = debtYear(
			[
				row('2026', 'general', { limit: '9', balance: '8' }),
				row('2026-12', 'general', { limit: '9', balance: '7' })
			],
			2026
		)!;
		expect(y.types[0].asOf).toBe('2026');
		expect(y.balance).toBe('8.00');
		expect(y.ratio).toBeNull();
	});
	it('gives debt service against its schedule', () => {
		expect(serviceGap(debtYear(rows, 2026)!)).toEqual({ principal: '0.00', interest: '-0.10' });
	});
	it('knows the special-bond function classes', () => {
		expect(isBondFunction('2121501')).toBe(true);
		expect(isBondFunction('2120803')).toBe(false);
	});
});
