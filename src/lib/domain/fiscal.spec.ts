import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';

const HOUR = 3_600_000;
import { fiscalDateOf, fiscalYearOf, timeProgress, timeProgressByMonth } from './fiscal';
import { dayOfYear, isFiscalDate } from './calendar';
import { parseInstant } from './instant';

describe('fiscal calendar', () => {
	it('puts 2025-12-31 23:30 Beijing time in fiscal year 2025 and 00:10 on 1 January in 2026', () => {
		const late = parseInstant('2025-12-31T23:30:00+08:00')!;
		const early = parseInstant('2026-01-01T00:10:00+08:00')!;
		expect(fiscalYearOf(late.instant)).toBe(2025);
		expect(fiscalDateOf(late.instant)).toBe('2025-12-31');
		expect(fiscalYearOf(early.instant)).toBe(2026);
		expect(fiscalDateOf(early.instant)).toBe('2026-01-01');
	});

	it('gives the fiscal year of the fiscal date around every New Year, in zones from UTC−11 to UTC+14', () => {
		const zones = [
			'Asia/Shanghai',
			'UTC',
			'America/New_York',
			'Pacific/Kiritimati',
			'Pacific/Pago_Pago',
			'Asia/Kathmandu',
			'Australia/Lord_Howe'
		];
		const wrong: string[] = [];
		for (const tz of zones)
			for (let year = 2019; year <= 2031; year++)
				for (
					let ms = Date.UTC(year, 0, 1) - 2 * 24 * HOUR;
					ms <= Date.UTC(year, 0, 1) + 2 * 24 * HOUR;
					ms += 7 * 60_000 + 13_000
				) {
					const at = new Date(ms);
					const expected = Number(fiscalDateOf(at, tz).slice(0, 4));
					if (fiscalYearOf(at, tz) !== expected) wrong.push(`${tz} ${at.toISOString()}`);
				}
		// The millisecond on either side of Beijing's midnight.
		const midnight = Date.UTC(2026, 0, 1) - 8 * HOUR;
		expect(fiscalYearOf(new Date(midnight - 1))).toBe(2025);
		expect(fiscalYearOf(new Date(midnight))).toBe(2026);
		expect(wrong).toEqual([]);
	});

	it('gives the same fiscal date as date-fns/tz through a year, DST zones and their change days included', () => {
		// fiscalDateOf caches each zone's offset per UTC hour; zones with daylight saving (and half-hour
		// shifts, Lord Howe) must still turn over at their local midnight exactly.
		const check = (tz: string, from: number, to: number, step: number) => {
			const wrong: string[] = [];
			for (let ms = from; ms < to; ms += step) {
				if (fiscalDateOf(new Date(ms), tz) !== format(new TZDate(ms, tz), 'yyyy-MM-dd'))
					wrong.push(`${tz} ${new Date(ms).toISOString()}`);
			}
			expect(wrong.slice(0, 5)).toEqual([]);
		};
		for (const tz of [
			'Asia/Shanghai',
			'America/New_York',
			'Australia/Lord_Howe',
			'Asia/Kolkata',
			'Europe/London'
		])
			check(tz, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 53 * 60_000 + 1_013);
		// Each minute of the days around the 2026 changes (New York: 8 March, 1 November; Lord Howe: 5 April, 4 October).
		for (const [tz, day] of [
			['America/New_York', Date.UTC(2026, 2, 8)],
			['America/New_York', Date.UTC(2026, 10, 1)],
			['Australia/Lord_Howe', Date.UTC(2026, 3, 4)],
			['Australia/Lord_Howe', Date.UTC(2026, 9, 3)]
		] as const)
			check(tz, day - 12 * HOUR, day + 36 * HOUR, 60_000);
	});

	it('takes a UTC instant on the evening of 31 December into the next fiscal year', () => {
		const p = parseInstant('2025-12-31T16:10:00Z')!;
		expect(fiscalDateOf(p.instant)).toBe('2026-01-01');
	});

	it('reads a time without offset as fiscal-zone local time', () => {
		const p = parseInstant('2026-01-01T00:10:00')!;
		expect(p.hasOffset).toBe(false);
		expect(p.instant.toISOString()).toBe('2025-12-31T16:10:00.000Z');
		expect(parseInstant('2026-03-05')!.instant.toISOString()).toBe('2026-03-04T16:00:00.000Z');
	});

	it('rejects impossible and malformed dates', () => {
		expect(parseInstant('2026-02-30T10:00:00+08:00')).toBeNull();
		expect(parseInstant('2026-13-01')).toBeNull();
		expect(parseInstant('2026-01-01T24:00:00')).toBeNull();
		expect(parseInstant('yesterday')).toBeNull();
		expect(parseInstant('2024-02-29T12:00:00+08:00')).not.toBeNull();
		expect(isFiscalDate('2025-02-29')).toBe(false);
	});

	it('computes time progress by day, counting the as-of day as elapsed', () => {
		expect(dayOfYear('2026-12-31')).toBe(365);
		expect(timeProgress('2026-01-01', 2026)).toBe('0.0027');
		expect(timeProgress('2026-07-31', 2026)).toBe('0.5808');
		expect(timeProgress('2026-12-31', 2026)).toBe('1.0000');
		expect(timeProgress('2024-12-31', 2024)).toBe('1.0000');
		expect(timeProgress('2027-03-01', 2026)).toBe('1.0000');
		expect(timeProgress('2025-12-31', 2026)).toBe('0.0000');
	});

	it('uses months/12 for month-end reports', () => {
		expect(timeProgressByMonth(7)).toBe('0.5833');
		expect(timeProgressByMonth(12)).toBe('1.0000');
	});
});
