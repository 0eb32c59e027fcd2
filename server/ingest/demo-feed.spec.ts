import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../src/lib/domain/records';
import { yuanToFen } from '../../src/lib/domain/money';
import { DemoFeed, UNKNOWN_DEPT, UNKNOWN_FUNC, type FeedBatch } from './demo-feed';

function run(feed: DemoFeed, ticks: number, speed: number, start = Date.UTC(2026, 4, 11, 1)) {
	const batches: FeedBatch[] = [];
	for (let i = 0; i < ticks; i++)
		batches.push(
			...feed.next(new Date(start + i * 1000 * speed), new Date(start + (i + 1) * 1000 * speed), 1)
		);
	return batches;
}

describe('demo feed', () => {
	it('pays at the city’s pace: about a thousand a working day in office hours, few at weekends', () => {
		// Monday 11 May 2026 from midnight in Beijing, a simulated minute a tick.
		const monday = Date.UTC(2026, 4, 10, 16);
		const feed = new DemoFeed({ tz: 'Asia/Shanghai', speed: 60, runId: 't', seed: 7 });
		const day = run(feed, 1440, 60, monday).flatMap((b) => b.records);
		expect(day.length).toBeGreaterThan(800);
		expect(day.length).toBeLessThan(1100);
		const hours = day.map((r) => new Date(Date.parse(r.paidAt) + 8 * 3_600_000).getUTCHours());
		expect(Math.min(...hours)).toBeGreaterThanOrEqual(8);
		expect(Math.max(...hours)).toBeLessThanOrEqual(18);
		const lunch = hours.filter((h) => h === 12 || h === 13).length;
		const morning = hours.filter((h) => h === 10).length;
		expect(lunch).toBeLessThan(morning / 2);
		for (const r of day) expect(validateRecord('payment', r).ok).toBe(true);
		// Ten minutes at the busiest hour add a small fraction of the city's year.
		const tenMinutes = day
			.filter((r) => new Date(Date.parse(r.paidAt) + 8 * 3_600_000).getUTCHours() === 10)
			.slice(0, 40)
			.reduce((s, r) => s + yuanToFen(r.amount), 0n);
		expect(tenMinutes).toBeLessThan(30_000_000_00n);
		const saturday = monday + 5 * 86_400_000;
		const weekend = run(feed, 1440, 60, saturday).flatMap((b) => b.records);
		expect(weekend.length).toBeLessThan(day.length / 10);
		// Seconds of real time bring a payment now and then, not one a second.
		const atTen = Date.UTC(2026, 4, 11, 2);
		const minute = run(
			new DemoFeed({ tz: 'Asia/Shanghai', speed: 1, runId: 'u', seed: 3 }),
			60,
			1,
			atTen
		);
		expect(minute.flatMap((b) => b.records).length).toBeLessThan(15);
	});

	it('runs a simulated day in seconds at high speed, capped per real second', () => {
		const batches = run(
			new DemoFeed({ tz: 'Asia/Shanghai', speed: 86_400, maxPerSecond: 500, runId: 't', seed: 7 }),
			2,
			86_400
		);
		const records = batches.flatMap((b) => b.records);
		expect(records.length).toBeGreaterThan(400);
		expect(records.length).toBeLessThanOrEqual(1500);
		expect(batches.every((b) => b.records.length <= 1000)).toBe(true);
	});

	it('mixes in every anomaly an alert rule looks for', () => {
		const feed = new DemoFeed({
			tz: 'Asia/Shanghai',
			speed: 120,
			pace: 20,
			anomalies: true,
			anomalyEverySeconds: 1,
			runId: 't',
			seed: 7
		});
		const batches = run(feed, 7, 120);
		const by = new Map(batches.filter((b) => b.anomaly).map((b) => [b.anomaly!, b.records[0]]));
		const regular = batches.filter((b) => !b.anomaly).flatMap((b) => b.records);
		expect(yuanToFen(by.get('refund')!.amount)).toBeLessThan(0n);
		const late = by.get('late-correction')!;
		expect(yuanToFen(late.amount)).toBeLessThan(0n);
		expect(Date.UTC(2026, 4, 11, 1) - Date.parse(late.paidAt)).toBeGreaterThan(30 * 86_400_000);
		expect(by.get('unknown-dept')!.deptCode).toBe(UNKNOWN_DEPT);
		expect(by.get('unknown-func')!.funcCode).toBe(UNKNOWN_FUNC);
		const all = [...regular, ...batches.filter((b) => b.anomaly).flatMap((b) => b.records)];
		const dup = by.get('duplicate')!;
		expect(
			all.filter((r) => r.id === dup.id && JSON.stringify(r) === JSON.stringify(dup)).length
		).toBeGreaterThanOrEqual(2);
		const conflict = by.get('conflict')!;
		expect(all.some((r) => r.id === conflict.id && r.amount !== conflict.amount)).toBe(true);
		expect(yuanToFen(by.get('large')!.amount)).toBeGreaterThan(5_000_000_000n);
		for (const r of all) expect(validateRecord('payment', r).ok).toBe(true);
		// The eighth anomaly is a silence of the feed: hours of simulated time with no payment.
		const at = new Date(Date.UTC(2026, 4, 11, 1) + 8 * 600_000);
		feed.next(new Date(at.getTime() - 600_000), at, 1);
		expect(feed.silentAt(at)).toBe(true);
		expect(feed.next(at, new Date(at.getTime() + 600_000), 0.5).flatMap((b) => b.records)).toEqual(
			[]
		);
	}, 30_000);
});
