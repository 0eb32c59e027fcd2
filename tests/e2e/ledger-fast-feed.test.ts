/**
 * The ledger reconnecting to a restarted server while payments keep arriving faster than the page
 * can reload: it says it is catching up only until it holds what the server had when it came back,
 * then follows the feed like any connected page and ends with the database's total.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/lib/domain/money';
import { launchBrowser, signIn } from '../support/browser';
import { createScratchDatabase } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { postBatch, startServer, type RunningServer } from '../support/server';

const Y =
	Number(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
			new Date()
		)
	) - 1;
/** How long each of the page's data reloads is held on its way back, as on a loaded server. */
const SLOW_RELOAD_MS = 1200;

describe('the ledger under a fast feed across a server restart', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'qiandai-fastfeed-'));
	const env: Record<string, string> = {};
	let sql: postgres.Sql | undefined;
	let dropDatabase: (() => Promise<void>) | undefined;
	let server: RunningServer | undefined;
	let browser: Browser | undefined;
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await sql?.end();
		await dropDatabase?.();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('leaves 正在重新同步数据 within seconds while payments keep arriving, and shows the total SQL gives', async () => {
		if (process.env.TEST_DATABASE_URL) {
			const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL);
			env.DATABASE_URL = scratch.url;
			dropDatabase = scratch.drop;
			sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
		}
		server = await startServer(env, { dataDir });
		const sent: string[] = [];
		const pay = async (batchId: string, count: number) => {
			const records = Array.from({ length: count }, (_, i) =>
				paymentRecord({
					paidAt: `${Y}-0${1 + (i % 9)}-1${i % 10}T10:00:00+08:00`,
					amount: `${100 + ((sent.length * 37 + i * 13) % 9000)}.${String(i % 100).padStart(2, '0')}`
				})
			);
			const res = await postBatch(server!, { batchId, kind: 'payment', records });
			expect(res.body).toMatchObject({ accepted: count, rejected: [] });
			sent.push(...records.map((r) => r.amount as string));
		};
		await postBatch(server, {
			batchId: 'ff-units',
			kind: 'unit',
			records: [unitRecord(), unitRecord({ code: '122002', name: '市第一中学', parentCode: '122' })]
		});
		await postBatch(server, {
			batchId: 'ff-plans',
			kind: 'plan',
			records: [planRecord({ year: Y, amount: '90000000.00' })]
		});
		await pay('ff-pay-0', 20);

		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(page, server);
		await page.goto(`${server.url}/payments?year=${Y}`);
		await page.waitForSelector('[data-testid=live-status][data-status=connected]');
		// A loaded server: each reload's answer takes a while to come back, and the feed's events
		// (a batch every ~150 ms) overtake it.
		await page.route('**/__data.json*', async (route) => {
			try {
				const response = await route.fetch();
				await new Promise((r) => setTimeout(r, SLOW_RELOAD_MS));
				await route.fulfill({ response });
			} catch {
				// The browser closed under a held reload (the test is over).
			}
		});

		const port = server.port;
		expect(await server.stop('SIGTERM')).toBe(0);
		await page.waitForSelector('[data-testid=live-status][data-status=offline]', {
			timeout: 10_000
		});
		// The browser stays off the network until the restarted server has a payment it missed, so it
		// comes back behind (however soon its socket retries) and has to catch up.
		await page.context().setOffline(true);
		server = await startServer(env, { dataDir, port });
		await pay('ff-pay-missed', 2);
		await page.context().setOffline(false);
		let feeding = true;
		const feed = (async () => {
			for (let b = 1; feeding; b++) {
				await pay(`ff-pay-${b}`, 3);
				await new Promise((r) => setTimeout(r, 150));
			}
		})();
		try {
			// It catches up, for at least one held reload (so this sees it).
			await page.waitForSelector('[data-testid=live-status][data-status=resyncing]', {
				timeout: 20_000
			});
			// Caught up while the feed still runs: the notice goes and the status is connected.
			await page.waitForSelector('[data-testid=stale-notice]', {
				state: 'detached',
				timeout: 10_000
			});
			expect(await page.getAttribute('[data-testid=live-status]', 'data-status')).toBe('connected');
		} finally {
			feeding = false;
			await feed;
		}
		// Once the feed stops, the ledger's total is the database's.
		const expected = sql
			? fenToYuan(
					yuanToFen(
						(
							await sql`select coalesce(sum(amount), 0)::text as s from payment where fiscal_year = ${Y}`
						)[0].s as string
					)
				)
			: fenToYuan(sent.reduce((s, a) => s + yuanToFen(a), 0n));
		expect(expected).toBe(fenToYuan(sent.reduce((s, a) => s + yuanToFen(a), 0n)));
		await page.waitForFunction(
			(want) =>
				document.querySelector('[data-testid=ledger-total]')?.getAttribute('data-value') === want,
			expected,
			{ timeout: 20_000 }
		);
		expect(await page.$('[data-testid=stale-notice]')).toBeNull();
		await page.unrouteAll({ behavior: 'ignoreErrors' });
	});
});
