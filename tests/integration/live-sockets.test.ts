/**
 * Socket.IO access: who may connect to /live and /ingest, which rooms their events come from, and
 * how fast a change of access closes a socket. A real HTTP server and Socket.IO on a test database.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, type Realtime } from '../../server/realtime';
import type { LiveEvent } from '../../src/lib/live/events';
import * as accounts from '../../src/lib/server/accounts/users';
import * as displays from '../../src/lib/server/accounts/displays';
import { pairedDisplay } from '../support/displays';
import { DISPLAY_COOKIE } from '../../src/lib/server/auth/displays';
import * as ingestKeys from '../../src/lib/server/accounts/ingest-keys';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { setRuntime, type Config } from '../../src/lib/server/runtime';
import type { Database } from '../../db/client';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';

const INGEST_KEY = 'socket-test-ingest-key';

interface Client {
	socket: Socket;
	events: LiveEvent[];
	hello: { seq: number; role: string };
	/** Resolves with the time the server closed the socket. */
	closed: Promise<number>;
}

async function listen(server: HttpServer): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Connects to a namespace; rejects with the connect_error message. */
function connect(
	url: string,
	ns: '/live' | '/ingest',
	opts: { cookie?: string; origin?: string; auth?: Record<string, unknown> } = {}
): Promise<Client> {
	const headers: Record<string, string> = {};
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.origin) headers.origin = opts.origin;
	const socket = connectClient(`${url}${ns}`, {
		transports: ['websocket'],
		extraHeaders: headers,
		auth: opts.auth ?? {},
		reconnection: false,
		forceNew: true,
		timeout: 5000
	});
	const events: LiveEvent[] = [];
	socket.on('events', (e: LiveEvent[]) => events.push(...e));
	const closed = new Promise<number>((resolve) =>
		socket.on('disconnect', (reason) => reason === 'io server disconnect' && resolve(Date.now()))
	);
	return new Promise((resolve, reject) => {
		socket.once('connect_error', (err) => {
			socket.close();
			reject(new Error(err.message));
		});
		if (ns === '/ingest')
			socket.once('connect', () =>
				resolve({ socket, events, hello: { seq: 0, role: '' }, closed })
			);
		else socket.once('hello', (hello) => resolve({ socket, events, hello, closed }));
	});
}

const until = async (what: () => boolean, ms = 3000) => {
	const end = Date.now() + ms;
	while (!what()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
};
const topics = (c: Client) => new Set(c.events.map((e) => e.topic));

describe.each(databaseTargets)('live sockets on $name', (target) => {
	let database: Database & { drop(): Promise<void> };
	let server: HttpServer;
	let realtime: Realtime;
	let url: string;
	let config: Config;
	let admin: { id: number; username: string };
	const clients: Client[] = [];
	const cookieOf = async (userId: number) =>
		`${SESSION_COOKIE}=${(await createSession(database.db, userId)).token}`;
	const open = async (...args: Parameters<typeof connect>) => {
		const c = await connect(...args);
		clients.push(c);
		return c;
	};
	let batch = 0;
	const ingest = (kind: 'unit' | 'plan' | 'payment', records: unknown[]) =>
		ingestBatch(
			database,
			{ batchId: `sock-${target.name}-${++batch}`, kind, records },
			{ source: 'test', tz: config.fiscalTz, live: realtime.live }
		);

	beforeAll(async () => {
		if (target.unavailable) return;
		database = await target.open();
		config = {
			fiscalTz: 'Asia/Shanghai',
			ingestKeys: [INGEST_KEY],
			demo: false,
			alertsOnIngest: true
		};
		server = createServer((_req, res) => res.writeHead(404).end());
		realtime = await attachRealtime(server, { database, config, origins: [], recheckMs: 250 });
		setRuntime({ database, config, live: realtime.live });
		url = await listen(server);
		admin = await createUser(database.db, {
			username: 'admin',
			role: 'admin',
			password: 'socket-admin-password'
		});
		await ingest('unit', [unitRecord()]);
	});
	afterAll(async () => {
		for (const c of clients) c.socket.close();
		await realtime?.close();
		server?.close();
		setRuntime(undefined);
		await database?.drop();
	});

	it.skipIf(target.unavailable)('refuses /live without a valid credential', async () => {
		await expect(open(url, '/live')).rejects.toThrow('unauthorized');
		await expect(open(url, '/live', { cookie: `${SESSION_COOKIE}=abc.def` })).rejects.toThrow(
			'unauthorized'
		);
		await expect(
			open(url, '/live', {
				cookie: `${DISPLAY_COOKIE}=d1.${'a'.repeat(32)}`,
				auth: { as: 'display' }
			})
		).rejects.toThrow('unauthorized');
		// A session cookie does not make a socket a display, nor the other way round.
		await expect(
			open(url, '/live', { cookie: await cookieOf(admin.id), auth: { as: 'display' } })
		).rejects.toThrow('unauthorized');
	});

	it.skipIf(target.unavailable)(
		'does not let an ingest key join /live, while it works on /ingest',
		async () => {
			await expect(open(url, '/live', { auth: { key: INGEST_KEY } })).rejects.toThrow(
				'unauthorized'
			);
			await expect(
				open(url, '/live', { auth: { key: INGEST_KEY, as: 'display' } })
			).rejects.toThrow('unauthorized');
			await expect(open(url, '/ingest', { auth: { key: 'not-a-key-at-all' } })).rejects.toThrow(
				'unauthorized'
			);
			const worker = await open(url, '/ingest', { auth: { key: INGEST_KEY } });
			expect(worker.socket.connected).toBe(true);
		}
	);

	it.skipIf(target.unavailable)(
		'refuses a browser from another origin even with a valid session cookie',
		async () => {
			const cookie = await cookieOf(admin.id);
			await expect(
				open(url, '/live', { cookie, origin: 'https://evil.example' })
			).rejects.toThrow();
			await expect(open(url, '/live', { cookie, origin: `http://127.0.0.1:1` })).rejects.toThrow();
			const same = await open(url, '/live', { cookie, origin: url });
			expect(same.hello.role).toBe('admin');
		}
	);

	it.skipIf(target.unavailable)(
		'never sends staff-only events to a member, nor anything off its screens to a display',
		async () => {
			const member = await createUser(database.db, {
				username: 'member1',
				role: 'member',
				password: 'member-password-1'
			});
			const staff = await createUser(database.db, {
				username: 'staff1',
				role: 'staff',
				password: 'staff-password-1'
			});
			const m = await open(url, '/live', { cookie: await cookieOf(member.id) });
			const s = await open(url, '/live', { cookie: await cookieOf(staff.id) });
			const lobby = await pairedDisplay(admin, 'lobby', [{ screen: 'payments', seconds: 20 }]);
			const d = await open(url, '/live', {
				cookie: lobby.cookie,
				auth: { as: 'display' }
			});
			expect([m.hello.role, s.hello.role, d.hello.role]).toEqual(['member', 'staff', 'display']);

			// A batch with a bad record: execution, feed and the data-quality alert it raises for everyone,
			// quarantine for staff only.
			await ingest('payment', [paymentRecord(), paymentRecord({ amount: 'not money' })]);
			await ingest('plan', [planRecord()]);
			await until(() => topics(s).has('quarantine') && topics(s).has('plan'));
			await new Promise((r) => setTimeout(r, 500)); // past the next coalescing flush
			expect(topics(s)).toEqual(new Set(['execution', 'feed', 'quarantine', 'plan', 'alerts']));
			expect(topics(m)).toEqual(new Set(['execution', 'feed', 'plan', 'alerts']));
			expect(m.events.every((e) => e.audience === 'all')).toBe(true);
			// The payments screen follows execution and feed, and every display follows alerts (a new
			// severe case goes on top of any screen): not plans, never quarantine.
			expect(topics(d)).toEqual(new Set(['execution', 'feed', 'alerts']));
		}
	);

	it.skipIf(target.unavailable)(
		'sends each watcher of a live view only its own role’s events beside the view’s push, in one frame',
		async () => {
			const [member, staff] = await Promise.all(
				(['member', 'staff'] as const).map((role) =>
					createUser(database.db, {
						username: `${role}-watching`,
						role,
						password: `${role}-watching-password`
					})
				)
			);
			const lobby = await pairedDisplay(admin, 'watching lobby', [
				{ screen: 'payments', seconds: 20 }
			]);
			const clients = {
				member: await open(url, '/live', { cookie: await cookieOf(member.id) }),
				staff: await open(url, '/live', { cookie: await cookieOf(staff.id) }),
				admin: await open(url, '/live', { cookie: await cookieOf(admin.id) }),
				display: await open(url, '/live', {
					cookie: lobby.cookie,
					auth: { as: 'display' }
				})
			};
			const overview = { view: 'overview', year: 2026, budgetKind: 'general' } as const;
			const frames = new Map<Client, { pushes: number; alone: number }>();
			for (const [who, c] of Object.entries(clients)) {
				const key = who === 'display' ? { view: 'wall', screen: 'payments' } : overview;
				const reply = await c.socket.emitWithAck('watch', key as typeof overview);
				expect(reply).toMatchObject({ ok: true });
				const seen = { pushes: 0, alone: 0 };
				frames.set(c, seen);
				c.socket.on('events', (_e, pushes) => (seen.pushes += pushes?.length ?? 0));
				c.socket.on('view', () => seen.alone++);
				c.socket.on('viewDiff', () => seen.alone++);
				c.events.length = 0;
			}

			await ingest('payment', [paymentRecord(), paymentRecord({ amount: 'not money' })]);
			await until(() =>
				Object.values(clients).every((c) => frames.get(c)!.pushes > 0 && c.events.length > 0)
			);
			await new Promise((r) => setTimeout(r, 500)); // past the next coalescing flush
			// Staff and admin watch one view (the staff audience's) and are sent what their roles see:
			// the quarantine too. The member and the display (another view) never are.
			for (const who of ['admin', 'staff'] as const)
				expect([...topics(clients[who])]).toEqual(
					expect.arrayContaining(['execution', 'feed', 'quarantine'])
				);
			for (const who of ['member', 'display'] as const) {
				expect([...topics(clients[who])]).toEqual(expect.arrayContaining(['execution', 'feed']));
				expect(clients[who].events.every((e) => e.audience === 'all')).toBe(true);
			}
			// Each view's push rode in its flush's events frame, none on its own.
			for (const c of Object.values(clients)) expect(frames.get(c)!.alone).toBe(0);
		}
	);

	it.skipIf(target.unavailable)('disconnects a revoked display within a second', async () => {
		const hall = await pairedDisplay(admin, 'hall', [{ screen: 'overview', seconds: 30 }]);
		const d = await open(url, '/live', { cookie: hall.cookie, auth: { as: 'display' } });
		const started = Date.now();
		expect(await displays.revoke({ actor: admin, id: hall.id, address: '::1' })).toBeNull();
		const closedAt = await Promise.race([
			d.closed,
			new Promise<number>((r) => setTimeout(() => r(Number.NaN), 2000))
		]);
		const ms = closedAt - started;
		recordFigure(`revoked display disconnected, ${target.name} (ms)`, ms);
		expect(ms).toBeLessThan(1000);
		await expect(
			open(url, '/live', { cookie: hall.cookie, auth: { as: 'display' } })
		).rejects.toThrow('unauthorized');
	});

	it.skipIf(target.unavailable)(
		'closes the sockets of a session that signs out, and only those',
		async () => {
			const user = await createUser(database.db, {
				username: 'signout1',
				role: 'member',
				password: 'signout-password-1'
			});
			const here = await createSession(database.db, user.id);
			const a = await open(url, '/live', { cookie: `${SESSION_COOKIE}=${here.token}` });
			const b = await open(url, '/live', { cookie: await cookieOf(user.id) });
			await accounts.signOut({ sessionId: here.token.split('.')[0], user, address: '::1' });
			await a.closed;
			await new Promise((r) => setTimeout(r, 200));
			expect(b.socket.connected).toBe(true);
			await expect(
				open(url, '/live', { cookie: `${SESSION_COOKIE}=${here.token}` })
			).rejects.toThrow('unauthorized');
		}
	);

	it.skipIf(target.unavailable)(
		'closes a user’s sockets on a role change; reconnecting joins the new role’s rooms',
		async () => {
			const user = await createUser(database.db, {
				username: 'promoted1',
				role: 'member',
				password: 'promoted-password-1'
			});
			const cookie = await cookieOf(user.id);
			const before = await open(url, '/live', { cookie });
			expect(
				await accounts.changeRole({ actor: admin, id: user.id, role: 'staff', address: '::1' })
			).toBeNull();
			await before.closed;
			const after = await open(url, '/live', { cookie });
			expect(after.hello.role).toBe('staff');
			await ingest('payment', [paymentRecord({ funcCode: 'bad' })]);
			await until(() => topics(after).has('quarantine'));
		}
	);

	it.skipIf(target.unavailable)(
		'drops a socket whose session expired or was removed behind its back',
		async () => {
			const user = await createUser(database.db, {
				username: 'idle1',
				role: 'member',
				password: 'idle-password-11'
			});
			const session = await createSession(database.db, user.id);
			const c = await open(url, '/live', { cookie: `${SESSION_COOKIE}=${session.token}` });
			await database.db.execute(
				sql`update session set expires_at = now() - interval '1 second' where id = ${session.token.split('.')[0]}`
			);
			await Promise.race([
				c.closed,
				new Promise((_, reject) => setTimeout(() => reject(new Error('still connected')), 3000))
			]);
		}
	);

	it.skipIf(target.unavailable)('closes the /ingest sockets of a revoked key', async () => {
		const key = await ingestKeys.create({ actor: admin, name: 'worker', address: '::1' });
		if (!key.ok) throw new Error('not created');
		const worker = await open(url, '/ingest', { auth: { key: key.key } });
		expect(await ingestKeys.revoke({ actor: admin, id: key.id, address: '::1' })).toBeNull();
		await worker.closed;
		await expect(open(url, '/ingest', { auth: { key: key.key } })).rejects.toThrow('unauthorized');
	});
});
