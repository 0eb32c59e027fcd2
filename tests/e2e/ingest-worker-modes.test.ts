/** `npm run ingest -- --simulate` and `--watch`: the long-running modes of the worker. */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startInProcessFeed } from '../../server/ingest/simulate';
import { INGEST_KEY } from '../support/server';
import { dropFolder, openBackend, startWorker } from '../support/worker';

const backendName = process.env.TEST_DATABASE_URL ? ('postgres' as const) : ('pglite' as const);

describe(`npm run ingest -- --simulate (${backendName})`, () => {
	it('runs a simulated morning in seconds with refunds, corrections, unknown codes, duplicates, conflicts, large payments and a gap', async () => {
		const backend = await openBackend(backendName);
		const server = await backend.start();
		let summary: {
			batches: number;
			records: number;
			duplicates: number;
			rejected: number;
			anomalies: Record<string, number>;
			simulatedUntil: string;
		};
		try {
			const worker = startWorker(
				[
					'--simulate',
					'--speed',
					'600',
					'--pace',
					'40',
					'--from',
					'2026-05-11T08:00:00+08:00',
					'--until',
					'2026-05-11T09:40:00+08:00',
					'--anomaly-every',
					'1'
				],
				{ INGEST_URL: server.url }
			);
			expect(await worker.exited, worker.output()).toBe(0);
			summary = JSON.parse(/\[simulate\] (\{.*\})/.exec(worker.output())![1]);
			expect(worker.output()).toMatch(/feed silent/);
		} finally {
			await server.stop();
		}
		expect(Object.keys(summary.anomalies).sort()).toEqual([
			'conflict',
			'duplicate',
			'gap',
			'large',
			'late-correction',
			'refund',
			'unknown-dept',
			'unknown-func'
		]);
		expect(summary.simulatedUntil).toBe('2026-05-11T01:40:00.000Z');
		expect(summary.records).toBeGreaterThan(1000);
		expect(summary.duplicates).toBeGreaterThanOrEqual(1);
		expect(summary.rejected).toBeGreaterThanOrEqual(1);

		const [p] = await backend.query<{
			n: string;
			refunds: string;
			late: string;
			dept: string;
			func: string;
			large: string;
			first: string;
			last: string;
		}>(
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
		for (const k of ['refunds', 'late', 'dept', 'func', 'large'] as const)
			expect(Number(p[k]), k).toBeGreaterThanOrEqual(1);
		expect(new Date(p.first).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-05-11T00:00:00Z'));
		expect(new Date(p.last).getTime()).toBeLessThanOrEqual(Date.parse('2026-05-11T01:40:00Z'));
		const conflicts = await backend.query<{ reason: string }>(
			`select reason from quarantine where record_id like 'SIM-%'`
		);
		expect(conflicts.length).toBeGreaterThanOrEqual(1);
		expect(conflicts[0].reason).toMatch(/conflict/);
		await backend.drop();
	}, 300_000);
});

describe(`npm run ingest -- --watch (${backendName})`, () => {
	it('takes a file once it is completely written, and stops cleanly on SIGTERM', async () => {
		const backend = await openBackend(backendName);
		const server = await backend.start();
		const dir = dropFolder();
		const worker = startWorker(['--watch', dir], { INGEST_URL: server.url });
		try {
			await worker.waitFor(/watching /);
			// Excel writes in pieces: the first half alone would be a header-only file.
			const path = join(dir, 'payment-w.csv');
			writeFileSync(path, 'id,paidAt,deptCode,funcCode,econCode,amount\n');
			await new Promise((r) => setTimeout(r, 300));
			appendFileSync(
				path,
				'W-1,2026-05-11T10:00:00+08:00,122,2050202,30201,"1,000.01"\nW-2,2026-05-11T10:05:00+08:00,122,2050202,30201,2.00\n'
			);
			await worker.waitFor(/payment-w\.csv: done — 2 records, accepted 2/, 1, 30_000);
			expect(existsSync(join(dir, 'done', 'payment-w.csv'))).toBe(true);
			writeFileSync(
				join(dir, 'payment-x.csv'),
				'id,paidAt,deptCode,funcCode,econCode,amount\nW-3,2026-05-11T10:00:00+08:00,122,2050202,30201,abc\n'
			);
			await worker.waitFor(/payment-x\.csv: FAILED/, 1, 30_000);
			worker.process.kill('SIGTERM');
			// A watching worker that stopped on request exits 1 when it failed a file since it started.
			expect(await worker.exited).toBe(1);
		} finally {
			worker.process.kill('SIGKILL');
			await server.stop();
		}
		const [p] = await backend.query<{ n: string; s: string }>(
			`select count(*)::text as n, sum(amount)::text as s from payment where id like 'W-%'`
		);
		expect(p).toEqual({ n: '2', s: '1002.01' });
		await backend.drop();
	}, 300_000);
});

describe(`the in-process demo feed of npm start (${backendName})`, () => {
	it('sends live payments through /ingest with the same feed and sender as the worker', async () => {
		const backend = await openBackend(backendName);
		const server = await backend.start();
		const lines: string[] = [];
		const simulator = startInProcessFeed({
			url: server.url,
			key: INGEST_KEY,
			tz: 'Asia/Shanghai',
			intervalSeconds: 0.5,
			pace: 200,
			allHours: true,
			log: (l) => lines.push(l)
		});
		const started = Date.now();
		try {
			await new Promise((r) => setTimeout(r, 6000));
		} finally {
			await simulator.stop();
			await server.stop();
		}
		const [p] = await backend.query<{ n: string; first: string; last: string }>(
			`select count(*)::text as n, min(paid_at) as first, max(paid_at) as last from payment where id like 'SIM-%'`
		);
		expect(Number(p.n), lines.join('\n')).toBeGreaterThanOrEqual(3);
		// Paid "now": within the time the simulator ran.
		expect(new Date(p.first).getTime()).toBeGreaterThanOrEqual(started - 1000);
		expect(new Date(p.last).getTime()).toBeLessThanOrEqual(Date.now());
		expect(lines.filter((l) => /rejected|not sent/.test(l))).toEqual([]);
		await backend.drop();
	}, 300_000);
});
