/**
 * Live views over real sockets: many watchers of one view cost one computation per change, every
 * watcher is pushed the exact new figure (as the difference from the state it holds), watchers of
 * other views get nothing, a watcher that missed a push gets the whole state again, and bad watches
 * are refused without harm. A real HTTP server and Socket.IO on a test database.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, type Realtime } from '../../server/realtime';
import { viewRoom } from '../../server/realtime/rooms';
import { rows, type Database } from '../../db/client';
import type { Overview } from '../../src/lib/server/execution';
import * as execution from '../../src/lib/server/execution';
import { readOverview } from '../../src/lib/server/live-views/index';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import { ingestBatch } from '../../src/lib/server/ingest/index';
import { setRuntime, type Config } from '../../src/lib/server/runtime';
import { ViewClient, type LiveSocket } from '../../src/lib/live/view-client';
import {
	isViewDiff,
	MAX_WATCHES_PER_SOCKET,
	viewKeyString,
	type LiveView,
	type LiveViewDiff,
	type OverviewViewKey,
	type ViewPush,
	type WatchReply
} from '../../src/lib/live/views';
import { databaseTargets } from '../support/databases';
import { paymentRecord, planRecord, unitRecord } from '../support/factories';
import { recordFigure } from '../support/figures';

const WATCHERS = 50;
const KEY: OverviewViewKey = {
	view: 'overview',
	year: 2026,
	budgetKind: 'general',
	asOf: '2026-12-31'
};
// The 2025 overview shows 2025 and 2024: a 2026 payment is none of its business.
const OTHER_YEAR: OverviewViewKey = { ...KEY, year: 2025, asOf: '2025-12-31' };

interface Watcher {
	socket: LiveSocket;
	views: ViewClient;
	/** View pushes the socket was sent (in a flush's `events` frame or on their own): whole states and differences. */
	pushed: LiveView<Overview>[];
	diffs: LiveViewDiff[];
	/** Every frame the socket was sent after its watch was answered, by name. */
	frames: string[];
	/** The state the view client holds (its listener's last call). */
	latest: LiveView<Overview> | undefined;
}

async function listen(server: HttpServer): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function connect(url: string, cookie: string): Promise<LiveSocket> {
	const socket: LiveSocket = connectClient(`${url}/live`, {
		transports: ['websocket'],
		extraHeaders: { cookie },
		reconnection: false,
		forceNew: true,
		timeout: 5000
	});
	return new Promise((resolve, reject) => {
		socket.once('connect_error', (err) => reject(new Error(err.message)));
		socket.once('hello', () => resolve(socket));
	});
}

/** A socket with a view client watching `key`; resolves once the first state arrived. */
async function watcher(url: string, cookie: string, key: OverviewViewKey): Promise<Watcher> {
	const socket = await connect(url, cookie);
	const w: Watcher = {
		socket,
		views: new ViewClient(socket),
		pushed: [],
		diffs: [],
		frames: [],
		latest: undefined
	};
	const take = (push: ViewPush) => {
		if (isViewDiff(push)) w.diffs.push(push);
		else w.pushed.push(push as LiveView<Overview>);
	};
	socket.on('view', take);
	socket.on('viewDiff', take);
	socket.on('events', (_events, pushes) => pushes?.forEach(take));
	socket.onAny((name: string) => w.frames.push(name));
	await new Promise<void>((resolve, reject) =>
		w.views.watch<Overview>(
			key,
			(v) => {
				w.latest = v;
				resolve();
			},
			(error) => reject(new Error(error))
		)
	);
	return w;
}

const watchReply = (socket: LiveSocket, key: unknown) =>
	new Promise<WatchReply>((resolve) =>
		socket.emit('watch', key as OverviewViewKey, (reply) => resolve(reply))
	);

const until = async (what: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!what()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe.each(databaseTargets)('live views on $name', (target) => {
	let database: Database & { drop(): Promise<void> };
	let server: HttpServer;
	let realtime: Realtime;
	let url: string;
	let config: Config;
	let memberCookie: string;
	const sockets: LiveSocket[] = [];
	let batch = 0;
	const ingest = (kind: 'unit' | 'plan' | 'payment', records: unknown[]) =>
		ingestBatch(
			database,
			{ batchId: `views-${target.name}-${++batch}`, kind, records },
			{ source: 'test', tz: config.fiscalTz, live: realtime.live }
		);
	const executedInSql = async (year: number) => {
		const [r] = await rows<{ total: string }>(
			database.db,
			sql`select coalesce(sum(amount), 0)::numeric(18,2)::text as total from payment
				where fiscal_year = ${year} and budget_kind = 'general'`
		);
		return r.total;
	};

	beforeAll(async () => {
		if (target.unavailable) return;
		database = await target.open();
		config = { fiscalTz: 'Asia/Shanghai', ingestKeys: [], demo: false, alertsOnIngest: false };
		server = createServer((_req, res) => res.writeHead(404).end());
		realtime = await attachRealtime(server, { database, config, origins: [] });
		setRuntime({ database, config, live: realtime.live, views: realtime.views });
		url = await listen(server);
		const member = await createUser(database.db, {
			username: 'member1',
			role: 'member',
			password: 'member-password-1'
		});
		memberCookie = `${SESSION_COOKIE}=${(await createSession(database.db, member.id)).token}`;
		await ingest('unit', [unitRecord()]);
		await ingest('plan', [planRecord({ amount: '5000000.00' })]);
		await ingest('payment', [paymentRecord({ amount: '1000.00' })]);
		await new Promise((r) => setTimeout(r, 300)); // past the coalescing flush of the set-up
	});
	afterAll(async () => {
		for (const s of sockets) s.close();
		await realtime?.close();
		server?.close();
		setRuntime(undefined);
		await database?.drop();
	});

	it.skipIf(target.unavailable)(
		`computes a view once per change for ${WATCHERS} watchers and pushes each the exact figure`,
		async () => {
			const name = viewKeyString(KEY);
			const watchers = await Promise.all(
				Array.from({ length: WATCHERS }, () => watcher(url, memberCookie, KEY))
			);
			const other = await watcher(url, memberCookie, OTHER_YEAR);
			sockets.push(...watchers.map((w) => w.socket), other.socket);
			// The first watch computed it; the other 49 were served the same state.
			expect(realtime.views.computationsOf(name, 'member')).toBe(1);
			expect(realtime.views.watchers(name, 'member')).toBe(WATCHERS);
			expect(new Set(watchers.map((w) => w.latest!.data.executed))).toEqual(new Set(['1000.00']));
			const before = realtime.views.computations;
			for (const w of [...watchers, other]) w.frames.length = 0;

			const ack = await ingest('payment', [paymentRecord({ amount: '2345.67' })]);
			expect(ack).toMatchObject({ accepted: 1 });
			const expected = await executedInSql(2026);
			expect(expected).toBe('3345.67');
			await until(() => watchers.every((w) => w.latest?.data.executed === expected));
			await new Promise((r) => setTimeout(r, 400)); // any second push or computation would show now

			expect(realtime.views.computations - before).toBe(1);
			expect(realtime.views.computationsOf(name, 'member')).toBe(2);
			// One push each: the difference from the state the watch answered with, in the one frame
			// the socket was sent for the change, with the change's events.
			for (const w of watchers) {
				expect(w.frames).toEqual(['events']);
				expect(w.pushed).toEqual([]);
				expect(w.diffs).toHaveLength(1);
				expect(w.diffs[0].key).toBe(name);
				expect(w.latest!.data.payments).toBe(2);
				expect(w.views.resyncs).toBe(0);
			}
			// The pushed figure is the page's figure.
			const page = await execution.overview(
				{ year: 2026, budgetKind: 'general', asOf: '2026-12-31' },
				'member'
			);
			expect(watchers[0].latest!.data).toEqual(page);
			expect(watchers[0].latest!.seq).toBe(page.seq);
			// The other year's watcher was sent the events alone, and its view was not recomputed.
			expect(other.frames).toEqual(['events']);
			expect(other.pushed).toEqual([]);
			expect(other.diffs).toEqual([]);
			expect(realtime.views.computationsOf(viewKeyString(OTHER_YEAR), 'member')).toBe(1);

			const whole = Buffer.byteLength(JSON.stringify(watchers[0].latest));
			const diff = Buffer.byteLength(JSON.stringify(watchers[0].diffs[0]));
			recordFigure(`bytes of the overview view (small city), ${target.name}`, whole);
			recordFigure(`bytes of one pushed overview difference (small city), ${target.name}`, diff);
			expect(whole).toBeLessThan(40_000);
			expect(diff).toBeLessThan(whole / 2);
		}
	);

	it.skipIf(target.unavailable)(
		'gives a watcher that missed a push the whole view again, with the exact figure',
		async () => {
			const [w, peer] = await Promise.all([
				watcher(url, memberCookie, KEY),
				watcher(url, memberCookie, KEY)
			]);
			sockets.push(w.socket, peer.socket);
			// The server leaves the watcher out of one push, behind its back.
			const room = viewRoom('member', viewKeyString(KEY));
			const onServer = realtime.io.of('/live').sockets.get(w.socket.id!)!;
			onServer.leave(room);
			await ingest('payment', [paymentRecord({ amount: '11.00' })]);
			const missed = await executedInSql(2026);
			await until(() => peer.latest?.data.executed === missed);
			expect(w.diffs).toEqual([]);
			onServer.join(room);

			await ingest('payment', [paymentRecord({ amount: '22.00' })]);
			const expected = await executedInSql(2026);
			await until(() => w.latest?.data.executed === expected);
			// The difference it got did not fit what it held: it watched again and took the whole.
			expect(w.diffs).toHaveLength(1);
			expect(w.views.resyncs).toBe(1);
			expect(peer.views.resyncs).toBe(0);
			const page = await execution.overview(
				{ year: 2026, budgetKind: 'general', asOf: '2026-12-31' },
				'member'
			);
			expect(w.latest!.data).toEqual(page);
			expect(w.latest!.seq).toBe(page.seq);
			expect(peer.latest!.data).toEqual(page);
		}
	);

	it.skipIf(target.unavailable)(
		'serves a page’s first load from the cache while it is current, and recomputes after a change',
		async () => {
			const name = viewKeyString(KEY);
			const before = realtime.views.computationsOf(name, 'member');
			const served = await readOverview(KEY, 'member');
			expect(realtime.views.computationsOf(name, 'member')).toBe(before);
			expect(served.data.executed).toBe(await executedInSql(2026));
			// A view nobody watches is not recomputed on a change, only when read.
			const unwatched: OverviewViewKey = { ...KEY, asOf: '2026-06-30' };
			const first = await readOverview(unwatched, 'staff');
			await ingest('payment', [paymentRecord({ amount: '10.00' })]);
			await new Promise((r) => setTimeout(r, 400));
			expect(realtime.views.computationsOf(viewKeyString(unwatched), 'staff')).toBe(1);
			const second = await readOverview(unwatched, 'staff');
			expect(realtime.views.computationsOf(viewKeyString(unwatched), 'staff')).toBe(2);
			expect(second.seq).toBeGreaterThan(first.seq);
			expect(second.data.executed).toBe(await executedInSql(2026));
		}
	);

	it.skipIf(target.unavailable)(
		'refuses bad keys and too many watches without dropping the socket',
		async () => {
			const socket = await connect(url, memberCookie);
			sockets.push(socket);
			for (const bad of [
				null,
				'overview:2026:general',
				{ view: 'secrets', year: 2026, budgetKind: 'general' },
				{ view: 'overview', year: 1900, budgetKind: 'general' },
				{ view: 'overview', year: 2026, budgetKind: 'x'.repeat(10_000) },
				{ view: 'overview', year: 2026, budgetKind: 'general', asOf: '2025-01-01' },
				{ view: 'overview', year: 2026, budgetKind: 'general', audience: 'staff' }
			])
				expect(await watchReply(socket, bad)).toMatchObject({ ok: false });
			// An ack that is not a function is ignored.
			socket.emit('watch', KEY, 'not a function' as never);
			const replies: WatchReply[] = [];
			for (let i = 0; i <= MAX_WATCHES_PER_SOCKET; i++)
				replies.push(
					await watchReply(socket, { ...KEY, asOf: `2026-01-${String(i + 1).padStart(2, '0')}` })
				);
			expect(replies.slice(0, MAX_WATCHES_PER_SOCKET).every((r) => r.ok)).toBe(true);
			expect(replies[MAX_WATCHES_PER_SOCKET]).toMatchObject({ ok: false });
			// Watching one again is no new watch.
			expect(await watchReply(socket, { ...KEY, asOf: '2026-01-01' })).toMatchObject({ ok: true });
			socket.emit('unwatch', { ...KEY, asOf: '2026-01-01' });
			expect(await watchReply(socket, { ...KEY, asOf: '2026-02-01' })).toMatchObject({ ok: true });
			expect(socket.connected).toBe(true);
		}
	);
});
