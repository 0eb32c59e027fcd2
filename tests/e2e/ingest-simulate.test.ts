/** `npm run ingest -- --simulate`: the demo feed through the socket, with every anomaly an alert rule needs. */
import { describe, expect, it } from 'vitest';
import { openBackend, startWorker } from '../support/worker';

const backendName = process.env.TEST_DATABASE_URL ? ('postgres' as const) : ('pglite' as const);

describe(`npm run ingest -- --simulate (${backendName})`, () => {
	it('runs a simulated morning in seconds with refunds, corrections, unknown codes, duplicates, conflicts, large payments and a gap', async () => {
		const backend = await openBackend(backendName);
		const server = await backend.start();
		let summary: { batches: number; records: number; duplicates: number; rejected: number; anomalies: Record<string, number>; simulatedUntil: string };
		try {
			const worker = startWorker(
				['--simulate', '--speed', '600', '--from', '2026-05-11T08:00:00+08:00', '--until', '2026-05-11T09:40:00+08:00', '--anomaly-every', '1'],
				{ INGEST_URL: server.url }
			);
			expect(await worker.exited, worker.output()).toBe(0);
			summary = JSON.parse(/\[simulate\] (\{.*\})/.exec(worker.output())![1]);
			expect(worker.output()).toMatch(/feed silent/);
		} finally {
			await server.stop();
		}
		expect(Object.keys(summary.anomalies).sort()).toEqual(['conflict', 'duplicate', 'gap', 'large', 'late-correction', 'refund', 'unknown-dept', 'unknown-func']);
		expect(summary.simulatedUntil).toBe('2026-05-11T01:40:00.000Z');
		expect(summary.records).toBeGreaterThan(1000);
		expect(summary.duplicates).toBeGreaterThanOrEqual(1);
		expect(summary.rejected).toBeGreaterThanOrEqual(1);

		const [p] = await backend.query<{ n: string; refunds: string; late: string; dept: string; func: string; large: string; first: string; last: string }>(
			`select count(*)::text as n,
				count(*) filter (where amount < 0 and paid_at >= '2026-05-11T00:00:00Z')::text as refunds,
				count(*) filter (where amount < 0 and paid_at < '2026-04-10T00:00:00Z')::text as late,
				count(*) filter (where dept_code = '998')::text as dept,
				count(*) filter (where func_code = '2169999')::text as func,
				count(*) filter (where amount > 50000000)::text as large,
				min(paid_at) filter (where amount > 0) as first, max(paid_at) as last
			 from payment where id like 'SIM-%'`
		);
		expect(Number(p.n)).toBe(summary.records - summary.duplicates - summary.rejected);
		for (const k of ['refunds', 'late', 'dept', 'func', 'large'] as const) expect(Number(p[k]), k).toBeGreaterThanOrEqual(1);
		expect(new Date(p.first).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-05-11T00:00:00Z'));
		expect(new Date(p.last).getTime()).toBeLessThanOrEqual(Date.parse('2026-05-11T01:40:00Z'));
		const conflicts = await backend.query<{ reason: string }>(`select reason from quarantine where record_id like 'SIM-%'`);
		expect(conflicts.length).toBeGreaterThanOrEqual(1);
		expect(conflicts[0].reason).toMatch(/conflict/);
		await backend.drop();
	}, 300_000);
});
