/**
 * Two app servers sharing Redis (and one database): an access change made through one closes sockets
 * on the other, and a change ingested through one reaches the other's live view watchers, the view
 * computed there for them.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, type Realtime } from '../../server/realtime';
import type { Database } from '../../db/client';
import * as displays from '../../src/lib/server/accounts/displays';
import { pairedDisplay } from '../support/displays';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import type { Overview } from '../../src/lib/server/execution';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { setRuntime, type Config } from '../../src/lib/server/runtime';
import { ViewClient, type LiveSocket } from '../../src/lib/live/view-client';
import { viewKeyString, type LiveView, type OverviewViewKey } from '../../src/lib/live/views';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';

async function listen(server: HttpServer): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A /live socket, resolved on its hello; `closed` resolves with the time the server closed it. */
function connect(
	url: string,
	opts: { cookie: string; auth?: Record<string, unknown> }
): Promise<{ socket: Socket; closed: Promise<number> }> {
	const socket = connectClient(`${url}/live`, {
		transports: ['websocket'],
		extraHeaders: { cookie: opts.cookie },
		auth: opts.auth ?? {},
		reconnection: false,
		forceNew: true,
		timeout: 5000
	});
	const closed = new Promise<number>((resolve) =>
		socket.on('disconnect', (reason) => reason === 'io server disconnect' && resolve(Date.now()))
	);
	return new Promise((resolve, reject) => {
		socket.once('connect_error', (err) => reject(new Error(err.message)));
		socket.once('hello', () => resolve({ socket, closed }));
	});
}

describe('two app servers sharing Redis', () => {
	const redisUrl = process.env.TEST_REDIS_URL;
	const target = databaseTargets[0];
	const config: Config = {
		fiscalTz: 'Asia/Shanghai',
		ingestKeys: [],
		demo: false,
		alertsOnIngest: false
	};
	let database: Database & { drop(): Promise<void> };
	const [serverA, serverB] = [createServer(), createServer()];
	let a: Realtime;
	let b: Realtime;
	let urlA: string;
	let urlB: string;
	let admin: { id: number; username: string };
	const sockets: Socket[] = [];

	beforeAll(async () => {
		if (!redisUrl) return;
		database = await target.open();
		a = await attachRealtime(serverA, { database, config, origins: [], redisUrl });
		b = await attachRealtime(serverB, { database, config, origins: [], redisUrl });
		urlA = await listen(serverA);
		urlB = await listen(serverB);
		setRuntime({ database, config, live: b.live, views: b.views }); // admin actions run on server B
		admin = await createUser(database.db, {
			username: 'admin',
			role: 'admin',
			password: 'redis-admin-password'
		});
	});
	afterAll(async () => {
		for (const s of sockets) s.close();
		await a?.close();
		await b?.close();
		serverA.close();
		serverB.close();
		setRuntime(undefined);
		await database?.drop();
	});

	it.skipIf(!redisUrl)(
		'disconnects a display connected to one server when another revokes it',
		async () => {
			const far = await pairedDisplay(admin, 'far', [{ screen: 'overview', seconds: 30 }]);
			const d = await connect(urlA, { cookie: far.cookie, auth: { as: 'display' } });
			sockets.push(d.socket);
			const started = Date.now();
			await displays.revoke({ actor: admin, id: far.id, address: '::1' });
			const ms =
				(await Promise.race([
					d.closed,
					new Promise<number>((r) => setTimeout(() => r(Number.NaN), 2000))
				])) - started;
			recordFigure('revoked display disconnected on another server via Redis (ms)', ms);
			expect(ms).toBeLessThan(1000);
		}
	);

	it.skipIf(!redisUrl)(
		'pushes a view changed through one server to its watcher on the other, computed there',
		async () => {
			let batch = 0;
			const ingestThroughA = (kind: 'unit' | 'plan' | 'payment', records: unknown[]) =>
				ingestBatch(
					database,
					{ batchId: `nodes-${++batch}`, kind, records },
					{ source: 'test', tz: config.fiscalTz, live: a.live }
				);
			await ingestThroughA('unit', [unitRecord()]);
			await ingestThroughA('plan', [planRecord({ amount: '800000.00' })]);
			const member = await createUser(database.db, {
				username: 'member-b',
				role: 'member',
				password: 'member-b-password'
			});
			const cookie = `${SESSION_COOKIE}=${(await createSession(database.db, member.id)).token}`;
			const { socket } = await connect(urlB, { cookie });
			sockets.push(socket);
			const key: OverviewViewKey = {
				view: 'overview',
				year: 2026,
				budgetKind: 'general',
				asOf: '2026-12-31'
			};
			const name = viewKeyString(key);
			let latest: LiveView<Overview> | undefined;
			let heldAt = 0;
			new ViewClient(socket as LiveSocket).watch<Overview>(key, (v) => {
				latest = v;
				heldAt = Date.now();
			});
			const until = async (what: () => boolean) => {
				const end = Date.now() + 3000;
				while (!what()) {
					if (Date.now() > end) throw new Error('timed out');
					await new Promise((r) => setTimeout(r, 10));
				}
			};
			await until(() => latest?.data.executed === '0.00');
			const computedOnB = b.views.computationsOf(name, 'member');

			await ingestThroughA('payment', [paymentRecord({ amount: '4321.09' })]);
			const acked = Date.now();
			await until(() => latest?.data.executed === '4321.09');
			recordFigure('ack on server A to view held on server B via Redis (ms)', heldAt - acked);
			expect(heldAt - acked).toBeLessThan(1000);
			// Server B computed it for its watcher; server A, with no watcher, computed nothing.
			expect(b.views.computationsOf(name, 'member')).toBe(computedOnB + 1);
			expect(a.views.computationsOf(name, 'member')).toBe(0);
		}
	);
});
