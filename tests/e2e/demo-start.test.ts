import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn, waitForValueChange } from '../support/browser';
import { recordFigure } from '../support/figures';
import { startServer } from '../support/server';

describe('npm start on a fresh machine: embedded database with the demo city and its live feed', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-demo-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('seeds a believable city, follows the simulated feed live, and keeps its data across a restart', async () => {
		const first = await startServer(
			// The feed at the city's pace sends nothing on a Sunday evening: here, 200× at any hour.
			{ DEMO: '1', DEMO_FEED_PACE: '200' },
			{ dataDir, timeoutMs: 110_000 }
		);
		recordFigure('first start to healthy, demo seed included (ms)', first.startupMs);
		const browser = await launchBrowser();
		let executedBefore: string;
		try {
			const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
			const loadStarted = Date.now();
			await signIn(page, first);
			recordFigure('sign-in to overview rendered (ms)', Date.now() - loadStarted);
			const plan = yuanToFen((await page.getAttribute('[data-testid=kpi-plan]', 'data-value'))!);
			// 市本级 of a mid-size city: about 100亿元 of general-budget spending a year.
			expect(plan).toBeGreaterThan(80n * 10n ** 10n);
			expect(plan).toBeLessThan(150n * 10n ** 10n);
			executedBefore = (await page.getAttribute('[data-testid=kpi-executed]', 'data-value'))!;
			expect(yuanToFen(executedBefore)).toBeGreaterThan(0n);
			expect(await page.textContent('[data-testid=by-class] tr[data-code="205"] th')).toBe(
				'205 教育支出'
			);
			// The simulator sends a batch every few seconds.
			const changed = await waitForValueChange(page, 'kpi-executed', executedBefore, 15_000);
			executedBefore = changed.value;
		} finally {
			await browser.close();
			expect(await first.stop('SIGTERM')).toBe(0);
		}

		const second = await startServer({ DEMO: '1' }, { dataDir, timeoutMs: 60_000 });
		try {
			recordFigure('restart to healthy, no seeding (ms)', second.startupMs);
			expect(second.output()).not.toMatch(/seeding the demo city/);
			const health = await (await fetch(`${second.url}/healthz`)).json();
			expect(health).toMatchObject({ db: 'ok', database: 'pglite' });
		} finally {
			expect(await second.stop('SIGTERM')).toBe(0);
		}
	});

	it('refuses to open a data directory another process holds', async () => {
		const holder = await startServer({ DEMO: '0' });
		try {
			await expect(
				startServer({ DEMO: '0' }, { dataDir: holder.dataDir, timeoutMs: 30_000 })
			).rejects.toThrow(/already open in process/);
		} finally {
			await holder.stop();
		}
	});
});
