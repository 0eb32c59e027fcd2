// Process-wide state: the database and the live hub. Kept on globalThis because Vite loads SSR
// modules and the server entry as separate module instances and re-runs them on HMR.
import type { Database } from '../../../db/client';
import type { LiveEvent } from '../live/events';
import type { LiveView, ViewKey } from '../live/views';
import type { Viewer } from '../domain/privacy';
import { DEFAULT_FISCAL_TZ } from '../domain/fiscal';

/** Whose sockets to drop: every socket of a user, of one session, of a wall display, of an ingest key. */
export type LiveSubject =
	{ userId: number } | { sessionId: string } | { displayId: number } | { ingestKeyId: number };

export interface LiveHub {
	/** Sends committed events to the sockets allowed to see them (coalesced per room). */
	publish(events: LiveEvent[]): void;
	/**
	 * Disconnects at once (on every app server) the sockets of a subject whose access changed:
	 * sign-out, role change, disabled account, revoked display or key. They must authenticate again.
	 */
	disconnect?(subject: LiveSubject): void;
}

/** This node's live views (server/realtime/views.ts): the latest computed state of each. */
export interface LiveViewCache {
	/** The view as the audience sees it, from the cache when current, else computed (and cached). */
	read(key: ViewKey, audience: Viewer): Promise<LiveView>;
}

export interface Config {
	fiscalTz: string;
	/** Bootstrap ingest keys from INGEST_KEYS, plus the in-process simulator's key. */
	ingestKeys: string[];
	demo: boolean;
	/** DEMO_FEED_PACE: the demo feed at N times the city's rhythm and at any hour (tests, showing it off). */
	demoFeedPace?: number;
	/**
	 * Whether the alert rules judge each batch as it is committed (ALERTS=off turns them off): the
	 * default of the `alerts` ingest option for the socket and HTTP doors.
	 */
	alertsOnIngest: boolean;
}

export interface Runtime {
	database: Database;
	config: Config;
	live: LiveHub;
	/** Absent in processes without Socket.IO (tests, scripts): views are then computed on each read. */
	views?: LiveViewCache;
}

const KEY = Symbol.for('qiandai.runtime');
type Holder = { [KEY]?: Runtime };

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		fiscalTz: env.FISCAL_TZ || DEFAULT_FISCAL_TZ,
		ingestKeys: (env.INGEST_KEYS ?? '')
			.split(',')
			.map((k) => k.trim())
			.filter(Boolean),
		demo: env.DEMO !== '0',
		demoFeedPace: Number(env.DEMO_FEED_PACE) > 0 ? Number(env.DEMO_FEED_PACE) : undefined,
		alertsOnIngest: env.ALERTS !== 'off'
	};
}

export function setRuntime(runtime: Runtime | undefined): void {
	(globalThis as Holder)[KEY] = runtime;
}

export function runtime(): Runtime {
	const r = (globalThis as Holder)[KEY];
	if (!r) throw new Error('The server runtime is not started (database not open)');
	return r;
}

export function hasRuntime(): boolean {
	return Boolean((globalThis as Holder)[KEY]);
}

/** The database of this process. */
export const db = () => runtime().database.db;
