/**
 * The /live namespace: browsers by session cookie, wall displays by their device cookie. A socket's
 * rooms come from who it is, decided once at the handshake and re-checked periodically.
 */
import { describeError } from '../../src/lib/server/log';
import { parse as parseCookie } from 'cookie';
import type { Namespace, Socket } from 'socket.io';
import type { Database } from '../../db/client';
import type { ClientToServer, LiveEvent, ServerToClient } from '../../src/lib/live/events';
import {
	credentialHashOf,
	currentCredentials,
	DISPLAY_COOKIE,
	validateDisplay
} from '../../src/lib/server/auth/displays';
import {
	currentSessions,
	SESSION_COOKIE,
	validateSession,
	type Role
} from '../../src/lib/server/auth/session';
import { viewerOfRole } from '../../src/lib/domain/privacy';
import type { ViewAudience } from '../../src/lib/server/live-views/index';
import { latestSeq } from '../../src/lib/server/snapshot';
import { topicsOf } from '../../src/lib/wall/screens';
import { AUDIENCE_ROLES, displayRoom, roleRoom, sessionRoom, userRoom, wallRoom } from './rooms';
import type { LiveViews } from './views';

/** What a /live socket is, decided once at the handshake. */
type LiveIdentity =
	| { kind: 'user'; user: { id: number; role: Role }; sessionId: string }
	| {
			kind: 'display';
			displayId: number;
			credentialHash: string;
			/** The topics the display's screens follow. */
			topics: string[];
	  };

interface LiveSocketData {
	identity: LiveIdentity;
}

/** What the app servers tell each other through the adapter (Redis): each flush's events. */
export interface LiveServerEvents {
	flushed: (events: LiveEvent[]) => void;
}

export type LiveNamespace = Namespace<
	ClientToServer,
	ServerToClient,
	LiveServerEvents,
	LiveSocketData
>;
export type LiveSocket = Socket<ClientToServer, ServerToClient, LiveServerEvents, LiveSocketData>;

/** The audience a socket's views are computed for: its role's, or a display's. */
export function audienceOf(identity: LiveIdentity): ViewAudience {
	return identity.kind === 'user' ? viewerOfRole(identity.user.role) : 'display';
}

/**
 * Which of a flush's events a socket is sent: its role's audiences, or for a display the events
 * meant for everyone of the topics its screens follow — the same its rooms receive. `key` is the
 * same for sockets that are sent the same.
 */
export function eventsSeenBy(identity: LiveIdentity): {
	key: string;
	sees: (e: LiveEvent) => boolean;
} {
	if (identity.kind === 'user') {
		const role = identity.user.role;
		return { key: roleRoom(role), sees: (e) => AUDIENCE_ROLES[e.audience].includes(role) };
	}
	const topics = identity.topics;
	return {
		key: `wall:${topics.join(',')}`,
		sees: (e) => e.audience === 'all' && topics.includes(e.topic)
	};
}

/**
 * Authenticates /live sockets, puts each in its rooms, serves their watches of live views and greets
 * each with the newest seq.
 */
export function serveLive(live: LiveNamespace, database: Database, views: LiveViews): void {
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
					credentialHash: credentialHashOf(token)!,
					topics: topicsOf(display.playlist)
				};
				return next();
			}
			const session = await validateSession(database.db, cookies[SESSION_COOKIE]);
			if (!session) return next(new Error('unauthorized'));
			socket.data.identity = { kind: 'user', user: session.user, sessionId: session.id };
			next();
		} catch (err) {
			next(new Error(`unavailable: ${describeError(err)}`));
		}
	});
	live.on('connection', async (socket) => {
		const { identity } = socket.data;
		if (identity.kind === 'user') {
			socket.join([
				roleRoom(identity.user.role),
				userRoom(identity.user.id),
				sessionRoom(identity.sessionId)
			]);
		} else {
			socket.join([displayRoom(identity.displayId), ...identity.topics.map(wallRoom)]);
		}
		socket.on('ping', (ack) => typeof ack === 'function' && ack(new Date().toISOString()));
		const audience = audienceOf(identity);
		socket.on('watch', (key, ack) => {
			if (typeof ack !== 'function') return;
			void views.watch(socket, audience, key).then(ack);
		});
		socket.on('unwatch', (key) => views.unwatch(socket, audience, key));
		socket.emit('hello', {
			seq: await latestSeq(database.db),
			role: identity.kind === 'user' ? identity.user.role : 'display'
		});
	});
}

/** Disconnects /live sockets whose session or display credential is no longer valid. */
export async function recheckLive(live: LiveNamespace, database: Database): Promise<void> {
	const sockets = [...live.sockets.values()];
	const identities = sockets.map((s) => s.data.identity);
	const sessionIds = identities.flatMap((i) => (i.kind === 'user' ? [i.sessionId] : []));
	const displayIds = identities.flatMap((i) => (i.kind === 'display' ? [i.displayId] : []));
	const [sessions, displays] = await Promise.all([
		currentSessions(database.db, [...new Set(sessionIds)]),
		currentCredentials(database.db, [...new Set(displayIds)])
	]);
	sockets.forEach((socket, i) => {
		const id = identities[i];
		const valid =
			id.kind === 'user'
				? sessions.get(id.sessionId) === id.user.role
				: displays.get(id.displayId) === id.credentialHash;
		if (!valid) socket.disconnect(true);
	});
}
