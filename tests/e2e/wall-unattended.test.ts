/**
 * A wall display left alone for the day, in Chromium at 1920×1080 on the built server: it rotates
 * through its playlist, a payment reaches the live screen within a second (pushed, no page request),
 * the cases screen counts open cases as the desk does, a new severe case goes on top of the rotation, the stale banner shows while the server is away and the display recovers
 * by itself when it is back, and a new build makes it reload.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn, waitForValueChange, watch } from '../support/browser';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';
import { postBatch, startServer, type RunningServer } from '../support/server';

const SHOTS = 'test-results/screenshots';
const VERSION_FILE = new URL('../../build/client/_app/version.json', import.meta.url).pathname;
/** The playlist the admin gives the display: four screens of 5 seconds (the shortest allowed). */
const PLAYLIST = ['overview', 'functions', 'alerts', 'departments'] as const;

/** Replaces the build's version file (and its precompressed copies) as a deployment would. */
function writeVersion(text: string): void {
	writeFileSync(VERSION_FILE, text);
	writeFileSync(`${VERSION_FILE}.gz`, gzipSync(text));
	writeFileSync(`${VERSION_FILE}.br`, brotliCompressSync(text));
}

describe('a wall display left alone', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-wall-'));
	const originalVersion = readFileSync(VERSION_FILE, 'utf8');
	let server: RunningServer;
	let browser: Browser;
	let tvContext: BrowserContext;
	let admin: Page;
	let tv: Page;
	let tvWatch: Awaited<ReturnType<typeof watch>>;
	const year = Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	);
	const executed = () => tv.getAttribute('[data-testid=kpi-executed]', 'data-value');

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		server = await startServer({}, { dataDir });
		await postBatch(server, {
			batchId: 'wu-units',
			kind: 'unit',
			records: [unitRecord(), unitRecord({ code: '126', name: '市民政局' })]
		});
		await postBatch(server, {
			batchId: 'wu-plans',
			kind: 'plan',
			records: [
				planRecord({ year, amount: '250000000.00' }),
				planRecord({ year, deptCode: '126', funcCode: '208', amount: '90000000.00' })
			]
		});
		await postBatch(server, {
			batchId: 'wu-payments',
			kind: 'payment',
			records: [paymentRecord({ amount: '1800000.00', paidAt: new Date().toISOString() })]
		});
		browser = await launchBrowser();
		const adminContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		admin = await adminContext.newPage();
		tv = await tvContext.newPage();
		tvWatch = await watch(tv);
		await signIn(admin, server);

		// Registered with a playlist of four 5-second screens, claimed with its one-time code.
		await admin.goto(`${server.url}/admin/displays`);
		await admin.fill('form[action="?/create"] input[name=name]', '常委会议室');
		for (const [i, screen] of PLAYLIST.entries()) {
			await admin.selectOption(`form[action="?/create"] select[name=screen] >> nth=${i}`, screen);
			await admin.fill(`form[action="?/create"] input[name=seconds] >> nth=${i}`, '5');
		}
		await admin.click('form[action="?/create"] button.primary');
		const link = (await admin.textContent('[data-testid=claim-link]'))!;
		await tv.goto(link);
		await tv.waitForFunction(
			() => (document.querySelector('input[name=code]') as HTMLInputElement).value.length > 0
		);
		await Promise.all([tv.waitForURL(`${server.url}/wall`), tv.click('button.primary')]);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
	});

	afterAll(async () => {
		writeVersion(originalVersion);
		await browser?.close();
		await server?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('rotates through its playlist by itself, each screen with a clock and its freshness', async () => {
		const seen: string[] = [];
		const started = Date.now();
		while (seen.length < PLAYLIST.length + 1 && Date.now() - started < 40_000) {
			const screen = await tv.getAttribute('[data-testid=wall]', 'data-screen');
			if (screen && screen !== seen.at(-1)) {
				seen.push(screen);
				expect(await tv.textContent('[data-testid=freshness]')).toMatch(/^\s*数据截至 /);
				expect(await tv.textContent('[data-testid=wall-clock]')).toMatch(/\d\d:\d\d:\d\d/);
			}
			await tv.waitForTimeout(250);
		}
		// Starting anywhere in the cycle, the screens follow the playlist's order and come round again.
		const start = PLAYLIST.indexOf(seen[0] as (typeof PLAYLIST)[number]);
		expect(seen).toEqual(
			Array.from({ length: PLAYLIST.length + 1 }, (_, i) => PLAYLIST[(start + i) % PLAYLIST.length])
		);
		expect(tvWatch.errors).toEqual([]);
		expect(await tvWatch.violations()).toEqual([]);
	});

	it('shows an ingested payment on the live screen within a second, pushed without a page request', async () => {
		await tv.goto(`${server.url}/wall?screen=functions`);
		await tv.waitForSelector('[data-testid=wall][data-screen=functions]');
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		const before = (await executed())!;
		const requests: string[] = [];
		const onRequest = (r: { url(): string }) => {
			if (r.url().includes('__data.json')) requests.push(r.url());
		};
		tv.on('request', onRequest);
		const res = await postBatch(server, {
			batchId: 'wu-live',
			kind: 'payment',
			records: [paymentRecord({ amount: '4321.09', paidAt: new Date().toISOString() })]
		});
		const acked = Date.now();
		expect(res.body.accepted).toBe(1);
		const changed = await waitForValueChange(tv, 'kpi-executed', before, 5000);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('4321.09')));
		recordFigure('wall: ingest-ack-to-function-screen latency (ms)', changed.at - acked);
		expect(changed.at - acked).toBeLessThan(1000);
		tv.off('request', onRequest);
		expect(requests).toEqual([]);
	});

	it('counts open cases as the desk does, and puts a new severe case on top of the rotation at once', async () => {
		// The desk's /alerts: open cases by level, and the newest severe case's row.
		const desk = async () => {
			await admin.goto(`${server.url}/alerts`);
			const n = async (level: string) =>
				admin.getAttribute(`[data-testid=alerts-${level}]`, 'data-value');
			return { severe: await n('severe'), warning: await n('warning'), notice: await n('notice') };
		};
		const casesTab = await tvContext.newPage();
		await casesTab.goto(`${server.url}/wall?screen=alerts`);
		await casesTab.waitForSelector('[data-testid=live-status][data-status=connected]');
		const shown = async () => {
			const n = async (level: string) =>
				casesTab.getAttribute(`[data-testid=alerts-${level}]`, 'data-value');
			return { severe: await n('severe'), warning: await n('warning'), notice: await n('notice') };
		};
		const before = await shown();
		expect(before).toEqual(await desk());

		await tv.goto(`${server.url}/wall`);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await tv.$('[data-testid=severe-overlay]')).toBeNull();
		const sent = Date.now();
		// Over 5000万 for a department with no plan for it: a severe large-payment case.
		await postBatch(server, {
			batchId: 'wu-severe',
			kind: 'payment',
			records: [
				paymentRecord({
					deptCode: '126',
					funcCode: '2080201',
					econCode: '30299',
					amount: '60000000.00',
					paidAt: new Date().toISOString(),
					payee: '市第一建筑公司',
					payeeKind: 'org'
				})
			]
		});
		await tv.waitForSelector('[data-testid=severe-overlay] [data-case]', { timeout: 5000 });
		recordFigure('wall: ingest to severe case on top of the rotation (ms)', Date.now() - sent);
		const overlay = (await tv.textContent('[data-testid=severe-overlay]'))!;
		expect(overlay).toContain('新的严重问题线索');
		expect(overlay).toContain('市民政局');
		const caseId = await tv.getAttribute('[data-testid=severe-overlay] [data-case]', 'data-case');
		await tv.screenshot({ path: `${SHOTS}/wall-severe.png` });

		// The cases screen follows: one severe case more, the same counts as the desk, the new case
		// first — the desk's case of that id, severe and open.
		await casesTab.waitForFunction(
			(n) =>
				document.querySelector('[data-testid=alerts-severe]')?.getAttribute('data-value') !== n,
			before.severe,
			{ timeout: 5000 }
		);
		const after = await shown();
		expect(Number(after.severe)).toBe(Number(before.severe) + 1);
		expect(after).toEqual(await desk());
		expect(
			await casesTab.getAttribute('[data-testid=wall-alert-list] li >> nth=0', 'data-case')
		).toBe(caseId);
		expect(
			await admin.getAttribute(`[data-testid=cases] tr[data-id="${caseId}"]`, 'data-level')
		).toBe('severe');
		await casesTab.close();

		// The rotation goes on under it.
		const index = await tv.getAttribute('[data-testid=wall]', 'data-index');
		await tv.waitForFunction(
			(i) => document.querySelector('[data-testid=wall]')?.getAttribute('data-index') !== i,
			index,
			{ timeout: 8000 }
		);
		expect(await tv.$('[data-testid=severe-overlay]')).not.toBeNull();
	});

	it('says it is stale while the server is away and recovers by itself with the right figures', async () => {
		await tv.goto(`${server.url}/wall?screen=overview`);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await tv.$('[data-testid=stale-banner]')).toBeNull();
		const before = (await executed())!;
		const screenHeight = () => tv.$eval('[data-testid=wall] > main', (m) => m.clientHeight);
		const shown = await screenHeight();
		const port = server.port;
		expect(await server.stop('SIGTERM')).toBe(0);
		await tv.waitForSelector('[data-testid=stale-banner][data-kind=offline]', { timeout: 10_000 });
		await tv.screenshot({ path: `${SHOTS}/wall-stale.png` });
		// The banner lies over the header: the screen keeps its size, its chart is not squeezed.
		expect(await screenHeight()).toBe(shown);

		server = await startServer({}, { dataDir, port });
		await tv.waitForSelector('[data-testid=stale-banner]', { state: 'detached', timeout: 20_000 });
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		expect(await executed()).toBe(before);
		await postBatch(server, {
			batchId: 'wu-after-restart',
			kind: 'payment',
			records: [paymentRecord({ amount: '234.56', paidAt: new Date().toISOString() })]
		});
		const changed = await waitForValueChange(tv, 'kpi-executed', before, 5000);
		expect(changed.value).toBe(fenToYuan(yuanToFen(before) + yuanToFen('234.56')));
	});

	it('reloads itself onto a new build once it is deployed', async () => {
		await tv.goto(`${server.url}/wall?screen=overview`);
		await tv.waitForSelector('[data-testid=live-status][data-status=connected]');
		await tv.evaluate(() => ((window as unknown as { oldBuild: boolean }).oldBuild = true));
		const port = server.port;
		await server.stop('SIGTERM');
		writeVersion(JSON.stringify({ version: 'a-new-build' }));
		server = await startServer({}, { dataDir, port });
		const started = Date.now();
		await tv.waitForFunction(() => !(window as unknown as { oldBuild?: boolean }).oldBuild, null, {
			timeout: 20_000
		});
		recordFigure('wall: new build served to display reloaded (ms)', Date.now() - started);
		writeVersion(originalVersion);
		await tv.waitForSelector('[data-testid=wall][data-screen=overview]');
	});
});
