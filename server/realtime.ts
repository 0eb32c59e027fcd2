/**
 * Socket.IO on the app's HTTP server: `/live` (browsers by session cookie, origin-checked) receives
 * committed events coalesced per role room; `/ingest` (workers by key) sends batches with acks.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type Namespace } from 'socket.io';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/client';
import type { ClientToServer, LiveEvent, ServerToClient } from '../src/lib/live/events';
import { authenticateIngestKey } from '../src/lib/server/auth/ingest-keys';
import { SESSION_COOKIE, validateSession, type Role } from '../src/lib/server/auth/session';
import { ingest } from '../src/lib/server/ingest/index';
import type { Config, LiveHub } from '../src/lib/server/runtime';

/** Largest socket message, the same limit as POST /api/ingest. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Events are sent at most this often per room, so a page never repaints more than a few times a second. */
const COALESCE_MS = 200;

const ROLE_ROOMS: Record<Role, string> = { member: 'role:member', staff: 'role:staff', admin: 'role:admin' };
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
}

export async function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Promise<Realtime> {
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
			const session = await validateSession(database.db, cookies[SESSION_COOKIE]);
			if (!session) return next(new Error('unauthorized'));
			socket.data.user = session.user;
			socket.data.sessionId = session.id;
			next();
		} catch (err) {
			next(new Error(`unavailable: ${(err as Error).message}`));
		}
	});
	live.on('connection', async (socket) => {
		const user = socket.data.user as { id: number; role: Role };
		socket.join([ROLE_ROOMS[user.role], `user:${user.id}`]);
		socket.on('ping', (ack) => typeof ack === 'function' && ack(new Date().toISOString()));
		socket.emit('hello', { seq: await latestSeq(database), role: user.role });
	});

	const ingestNs = io.of('/ingest');
	ingestNs.use(async (socket, next) => {
		try {
			const source = await authenticateIngestKey(database.db, socket.handshake.auth?.key, config.ingestKeys);
			if (!source) return next(new Error('unauthorized'));
			socket.data.source = source;
			next();
		} catch (err) {
			next(new Error(`unavailable: ${(err as Error).message}`));
		}
	});
	ingestNs.on('connection', (socket) => {
		socket.on('batch', async (body: unknown, ack: unknown) => {
			const outcome = await ingest(database, body, { source: socket.data.source, tz: config.fiscalTz, live: hub });
			if (typeof ack === 'function') ack(outcome.ok ? outcome.ack : outcome.error);
		});
	});

	const hub = new CoalescingHub(live);
	return {
		io,
		live: hub,
		close: async () => {
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

async function latestSeq(database: Database): Promise<number> {
	const [r] = await rows<{ seq: number }>(database.db, sql`select coalesce(max(seq), 0)::int as seq from live_event`);
	return r.seq;
}

/** Buffers events per role room and flushes each room at most every COALESCE_MS, in seq order. */
class CoalescingHub implements LiveHub {
	private pending: LiveEvent[] = [];
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;

	constructor(private readonly ns: Namespace<ClientToServer, ServerToClient>) {}

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
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
