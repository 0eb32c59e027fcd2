/**
 * Socket.IO on the app's HTTP server: `/live` (browsers by session cookie, wall displays by their
 * device cookie, both origin-checked) receives committed events coalesced per room; `/ingest`
 * (workers by key) sends batches with acks. The server alone decides a socket's rooms: a user's
 * role room, `user:<id>` and `session:<id>`; a display's `display:<id>` and one `wall:<topic>` room
 * per topic its screens follow. Those rooms are also how access changes disconnect sockets at once.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type Namespace } from 'socket.io';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/client';
import type { ClientToServer, LiveEvent, ServerToClient } from '../src/lib/live/events';
import {
	credentialHashOf,
	currentCredentials,
	DISPLAY_COOKIE,
	validateDisplay
} from '../src/lib/server/auth/displays';
import { identifyIngestKey } from '../src/lib/server/auth/ingest-keys';
import {
	currentSessions,
	SESSION_COOKIE,
	validateSession,
	type Role
} from '../src/lib/server/auth/session';
import { batchBytesError, MAX_BATCH_BYTES } from '../src/lib/domain/records';
import { ingest } from '../src/lib/server/ingest/index';
import type { Config, LiveHub, LiveSubject } from '../src/lib/server/runtime';
import { topicsOf } from '../src/lib/wall/screens';

/**
 * Socket.IO closes a connection whose message passes this; below it, a batch over the contract's
 * limit (MAX_BATCH_BYTES, as POST /api/ingest) is answered `{ batchId, error }` like any refusal.
 */
export const MAX_MESSAGE_BYTES = 2 * MAX_BATCH_BYTES;
/** Events are sent at most this often per room, so a page never repaints more than a few times a second. */
const COALESCE_MS = 200;

const ROLE_ROOMS: Record<Role, string> = {
	member: 'role:member',
	staff: 'role:staff',
	admin: 'role:admin'
};
const AUDIENCE_ROLES: Record<LiveEvent['audience'], Role[]> = {
	all: ['member', 'staff', 'admin'],
	staff: ['staff', 'admin'],
	admin: ['admin']
};

export interface Realtime {
	io: Server;
	live: LiveHub;
	close(): Promise<void>;
}

export interface RealtimeOptions {
	database: Database;
	config: Config;
	/** Allowed browser origins; when empty, the request's own host is the only allowed origin. */
	origins: string[];
	redisUrl?: string;
	/** How often /live sockets re-check their credential (expired sessions, changes made elsewhere). */
	recheckMs?: number;
}

/** What a /live socket is, decided once at the handshake. */
type LiveIdentity =
	| { kind: 'user'; user: { id: number; role: Role }; sessionId: string }
	| { kind: 'display'; displayId: number; credentialHash: string };

export async function attachRealtime(
	httpServer: HttpServer,
	options: RealtimeOptions
): Promise<Realtime> {
	const { database, config } = options;
	const io = new Server(httpServer, {
		serveClient: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		perMessageDeflate: false,
		allowRequest: (req, callback) => callback(null, originAllowed(req, options.origins))
	});

	let closeAdapter = async () => {};
	if (options.redisUrl) {
		const { createClient } = await import('redis');
		const { createAdapter } = await import('@socket.io/redis-adapter');
		const pub = createClient({ url: options.redisUrl });
		const sub = pub.duplicate();
		pub.on('error', (err) => console.error('[realtime] redis:', err.message));
		sub.on('error', (err) => console.error('[realtime] redis:', err.message));
		await Promise.all([pub.connect(), sub.connect()]);
		io.adapter(createAdapter(pub, sub));
		closeAdapter = async () => {
			await Promise.allSettled([pub.quit(), sub.quit()]);
		};
	}

	const live = io.of('/live') as Namespace<ClientToServer, ServerToClient>;
	live.use(async (socket, next) => {
		try {
			const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
			// A wall page asks to be its display; every other page is its signed-in user. Nothing else
			// (an ingest key in `auth`, a token in the query) is ever looked at here.
			if (socket.handshake.auth?.as === 'display') {
				const token = cookies[DISPLAY_COOKIE];
				const display = await validateDisplay(database.db, token);
				if (!display || !token) return next(new Error('unauthorized'));
				socket.data.identity = {
					kind: 'display',
					displayId: display.id,
					credentialHash: credentialHashOf(token)!
				} satisfies LiveIdentity;
				socket.data.topics = topicsOf(display.playlist);
				return next();
			}
			const session = await validateSession(database.db, cookies[SESSION_COOKIE]);
			if (!session) return next(new Error('unauthorized'));
			socket.data.identity = {
				kind: 'user',
				user: session.user,
				sessionId: session.id
			} satisfies LiveIdentity;
			next();
		} catch (err) {
			next(new Error(`unavailable: ${(err as Error).message}`));
		}
	});
	live.on('connection', async (socket) => {
		const identity = socket.data.identity as LiveIdentity;
		if (identity.kind === 'user') {
			socket.join([
				ROLE_ROOMS[identity.user.role],
				`user:${identity.user.id}`,
				`session:${identity.sessionId}`
			]);
		} else {
			socket.join([
				`display:${identity.displayId}`,
				...(socket.data.topics as string[]).map((t) => `wall:${t}`)
			]);
		}
		socket.on('ping', (ack) => typeof ack === 'function' && ack(new Date().toISOString()));
		socket.emit('hello', {
			seq: await latestSeq(database),
			role: identity.kind === 'user' ? identity.user.role : 'display'
		});
	});

	const ingestNs = io.of('/ingest');
	ingestNs.use(async (socket, next) => {
		try {
			const key = await identifyIngestKey(
				database.db,
				socket.handshake.auth?.key,
				config.ingestKeys
			);
			if (!key) return next(new Error('unauthorized'));
			socket.data.source = key.source;
			socket.data.keyId = key.id;
			next();
		} catch (err) {
			next(new Error(`unavailable: ${(err as Error).message}`));
		}
	});
	ingestNs.on('connection', (socket) => {
		if (socket.data.keyId !== null) socket.join(`ingest-key:${socket.data.keyId}`);
		// The size of each message as it arrived, noted before Socket.IO decodes it and calls the
		// handler (synchronously, in the same tick), so the handler knows its own message's size.
		let messageBytes = 0;
		socket.conn.prependListener('data', (data: string | Buffer) => {
			messageBytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
		});
		socket.on('batch', async (body: unknown, ack: unknown) => {
			const bytes = messageBytes;
			if (bytes > MAX_BATCH_BYTES) {
				const batchId =
					body &&
					typeof body === 'object' &&
					typeof (body as { batchId?: unknown }).batchId === 'string'
						? (body as { batchId: string }).batchId
						: '';
				if (typeof ack === 'function')
					ack({ batchId: batchId.slice(0, 200), error: batchBytesError(bytes) });
				return;
			}
			const outcome = await ingest(database, body, {
				source: socket.data.source,
				tz: config.fiscalTz,
				live: hub,
				alerts: config.alertsOnIngest
			});
			if (typeof ack === 'function') ack(outcome.ok ? outcome.ack : outcome.error);
		});
	});

	// Sessions expire and accounts change without a socket noticing; re-check this node's sockets.
	const recheck = setInterval(
		() => void recheckLive(live, database).catch(() => {}),
		options.recheckMs ?? 60_000
	);
	recheck.unref();

	const hub = new CoalescingHub(live, ingestNs);
	return {
		io,
		live: hub,
		close: async () => {
			clearInterval(recheck);
			hub.stop();
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await closeAdapter();
		}
	};
}

/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on WebSocket and cross-origin
 * requests; it must be ours. Non-browser clients (the worker) send none.
 */
function originAllowed(req: IncomingMessage, origins: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	if (origins.length > 0) return origins.includes(origin);
	const host = req.headers.host;
	return origin === `http://${host}` || origin === `https://${host}`;
}

/** Disconnects /live sockets whose session or display credential is no longer valid. */
async function recheckLive(
	live: Namespace<ClientToServer, ServerToClient>,
	database: Database
): Promise<void> {
	const sockets = [...live.sockets.values()];
	const identities = sockets.map((s) => s.data.identity as LiveIdentity | undefined);
	const sessionIds = identities.flatMap((i) => (i?.kind === 'user' ? [i.sessionId] : []));
	const displayIds = identities.flatMap((i) => (i?.kind === 'display' ? [i.displayId] : []));
	const [sessions, displays] = await Promise.all([
		currentSessions(database.db, [...new Set(sessionIds)]),
		currentCredentials(database.db, [...new Set(displayIds)])
	]);
	sockets.forEach((socket, i) => {
		const id = identities[i];
		if (!id) return;
		const valid =
			id.kind === 'user'
				? sessions.get(id.sessionId) === id.user.role
				: displays.get(id.displayId) === id.credentialHash;
		if (!valid) socket.disconnect(true);
	});
}

async function latestSeq(database: Database): Promise<number> {
	const [r] = await rows<{ seq: number }>(
		database.db,
		sql`select coalesce(max(seq), 0)::int as seq from live_event`
	);
	return r.seq;
}

/**
 * Buffers events and flushes at most every COALESCE_MS, in seq order: to each role room the events
 * its audience may see, and to each `wall:<topic>` room that topic's events meant for everyone.
 */
class CoalescingHub implements LiveHub {
	private pending: LiveEvent[] = [];
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;

	constructor(
		private readonly ns: Namespace<ClientToServer, ServerToClient>,
		private readonly ingestNs: Namespace
	) {}

	/** Through the adapter, so with Redis the sockets on every app server are dropped. */
	disconnect(subject: LiveSubject): void {
		if ('ingestKeyId' in subject) {
			this.ingestNs.in(`ingest-key:${subject.ingestKeyId}`).disconnectSockets(true);
			return;
		}
		const room =
			'userId' in subject
				? `user:${subject.userId}`
				: 'sessionId' in subject
					? `session:${subject.sessionId}`
					: `display:${subject.displayId}`;
		this.ns.in(room).disconnectSockets(true);
	}

	publish(events: LiveEvent[]): void {
		this.pending.push(...events);
		if (this.timer) return;
		const wait = Math.max(0, this.lastFlush + COALESCE_MS - Date.now());
		this.timer = setTimeout(() => this.flush(), wait);
	}

	private flush(): void {
		this.timer = undefined;
		this.lastFlush = Date.now();
		const events = this.pending.sort((a, b) => a.seq - b.seq);
		this.pending = [];
		for (const role of ['member', 'staff', 'admin'] as Role[]) {
			const visible = events.filter((e) => AUDIENCE_ROLES[e.audience].includes(role));
			if (visible.length > 0) this.ns.to(ROLE_ROOMS[role]).emit('events', visible);
		}
		const byTopic = new Map<string, LiveEvent[]>();
		for (const e of events)
			if (e.audience === 'all') byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
		for (const [topic, list] of byTopic) this.ns.to(`wall:${topic}`).emit('events', list);
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
