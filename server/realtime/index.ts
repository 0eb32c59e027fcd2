/**
 * Socket.IO on the app's HTTP server: `/live` (browsers by session cookie, wall displays by their
 * device cookie, both origin-checked; live.ts) receives committed events coalesced per room
 * (hub.ts) and the live views it watches, computed once per change on each node (views.ts); `/ingest` (workers by key; ingest.ts) sends batches with acks. The server alone decides
 * a socket's rooms (rooms.ts); they are also how access changes disconnect sockets at once.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import type { Database } from '../../db/client';
import { BASE_HEADERS } from '../../src/lib/server/auth/headers';
import type { Config, LiveHub } from '../../src/lib/server/runtime';
import { CoalescingHub } from './hub';
import { serveIngest, type IngestNamespace } from './ingest';
import { guardNamespace, limitedParser, limitTransports, MAX_MESSAGE_BYTES } from './limits';
import { recheckLive, serveLive, type LiveNamespace } from './live';
import { LiveViews } from './views';

export interface Realtime {
	io: Server;
	live: LiveHub;
	/** This node's live view cache (pages read it; tests count its computations). */
	views: LiveViews;
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

export async function attachRealtime(
	httpServer: HttpServer,
	options: RealtimeOptions
): Promise<Realtime> {
	const { database, config } = options;
	const io = new Server(httpServer, {
		serveClient: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		perMessageDeflate: false,
		parser: limitedParser,
		// A connection that joins no namespace (every join refused) is closed after this.
		connectTimeout: 10_000,
		allowRequest: (req, callback) => callback(null, originAllowed(req, options.origins))
	});
	const closeAdapter = options.redisUrl ? await useRedis(io, options.redisUrl) : async () => {};
	// Socket.IO's own answers (long-polling) carry the headers every response does.
	io.engine.on('initial_headers', (headers: Record<string, string>) =>
		Object.assign(headers, BASE_HEADERS)
	);
	io.engine.on('headers', (headers: Record<string, string>) =>
		Object.assign(headers, BASE_HEADERS)
	);
	limitTransports(io);
	// The default namespace serves nobody: only /live and /ingest accept connections, each its own.
	io.of('/').use((_socket, next) => next(new Error('unauthorized')));

	// The namespaces' event maps and socket data are typed in live.ts and ingest.ts.
	const live = io.of('/live') as LiveNamespace;
	const ingestNs = io.of('/ingest') as IngestNamespace;
	const views = new LiveViews(live);
	const hub = new CoalescingHub(live, ingestNs, views);
	guardNamespace(live);
	guardNamespace(ingestNs);
	serveLive(live, database, views);
	serveIngest(ingestNs, database, config, hub);

	// Sessions expire and accounts change without a socket noticing; re-check this node's sockets.
	const recheck = setInterval(
		() => void recheckLive(live, database).catch(() => {}),
		options.recheckMs ?? 60_000
	);
	recheck.unref();

	return {
		io,
		live: hub,
		views,
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
 * Events committed on one node reach sockets on every node through Redis. Returns what closes the
 * adapter's connections.
 */
async function useRedis(io: Server, url: string): Promise<() => Promise<void>> {
	const { createClient } = await import('redis');
	const { createAdapter } = await import('@socket.io/redis-adapter');
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (err) => console.error('[realtime] redis:', err.message));
	sub.on('error', (err) => console.error('[realtime] redis:', err.message));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub));
	return async () => {
		await Promise.allSettled([pub.quit(), sub.quit()]);
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
