// The live hub of this node: committed events to the /live rooms allowed to see them, coalesced.
import type { LiveEvent } from '../../src/lib/live/events';
import { describeError } from '../../src/lib/server/log';
import type { LiveHub, LiveSubject } from '../../src/lib/server/runtime';
import type { IngestNamespace } from './ingest';
import type { ViewPush } from '../../src/lib/live/views';
import { eventsSeenBy, type LiveNamespace } from './live';
import type { LiveViews } from './views';
import {
	AUDIENCE_ROLES,
	displayRoom,
	ingestKeyRoom,
	ROLES,
	roleRoom,
	sessionRoom,
	userRoom,
	wallRoom
} from './rooms';

/** Events are sent at most this often per room, so a page never repaints more than a few times a second. */
const COALESCE_MS = 200;
/**
 * How long a flush's `events` frames wait for the live views it changed: a view computed within it
 * goes in the same frame as the events (one frame a socket a flush), a later one on its own.
 */
export const VIEWS_FIRST_MS = 150;

/**
 * Buffers events and flushes them in seq order, at most once every COALESCE_MS: at once (the next
 * tick, so one publish's events go together) when the last flush is older than that, otherwise at
 * the end of its window — a lone change is not delayed, a burst costs at most two flushes.
 *
 * Every node delivers each flush (its own, and the others' through the adapter) to its own sockets:
 * its live views (views.ts) recompute what the flush changed; once those are computed, or after
 * VIEWS_FIRST_MS, each socket gets one `events` frame with the events it may see (its role's
 * audiences; a display's topics meant for everyone) and the pushes of the views it watches. Sockets
 * watching no pushed view get their role room's (or wall topic room's) frame, encoded once a room;
 * the others one frame a kind of socket (who it is × the views it watches), encoded once a kind.
 * Writing a frame to a thousand sockets takes tens of milliseconds of the one thread, so each socket
 * gets one. Flushes' frames leave in flush order.
 */
export class CoalescingHub implements LiveHub {
	private pending: LiveEvent[] = [];
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;
	/** The events frames of earlier flushes, sent in order. */
	private sending: Promise<void> = Promise.resolve();

	constructor(
		private readonly ns: LiveNamespace,
		private readonly ingestNs: IngestNamespace,
		private readonly views: LiveViews,
		/** Other app servers share this one's flushes (an adapter such as Redis connects them). */
		private readonly shared = false
	) {
		// Another app server's flush: delivered to this node's sockets like one of its own.
		if (shared) ns.on('flushed', (events) => this.deliver(events));
	}

	/** Through the adapter, so with Redis the sockets on every app server are dropped. */
	disconnect(subject: LiveSubject): void {
		if ('ingestKeyId' in subject) {
			this.ingestNs.in(ingestKeyRoom(subject.ingestKeyId)).disconnectSockets(true);
			return;
		}
		const room =
			'userId' in subject
				? userRoom(subject.userId)
				: 'sessionId' in subject
					? sessionRoom(subject.sessionId)
					: displayRoom(subject.displayId);
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
		if (this.shared) this.ns.serverSideEmit('flushed', events);
		this.deliver(events);
	}

	/** One flush to this node's sockets: its views recomputed, then its frames, in flush order. */
	private deliver(events: LiveEvent[]): void {
		const pushes = this.views.onFlush(events);
		const waited = new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, VIEWS_FIRST_MS);
			void pushes.ready.then(() => {
				clearTimeout(timer);
				resolve();
			});
		});
		this.sending = this.sending
			.then(() => waited)
			.then(() => this.send(events, pushes.take()))
			.catch((err: unknown) => console.error(`[live] events: ${describeError(err)}`));
	}

	/** One flush's frames to this node's sockets: each its events and its watched views' pushes. */
	private send(events: LiveEvent[], pushes: Map<string, ViewPush>): void {
		const local = this.ns.local;
		const pushRooms = [...pushes.keys()];
		for (const role of ROLES) {
			const visible = events.filter((e) => AUDIENCE_ROLES[e.audience].includes(role));
			if (visible.length > 0) local.to(roleRoom(role)).except(pushRooms).emit('events', visible);
		}
		const byTopic = new Map<string, LiveEvent[]>();
		for (const e of events)
			if (e.audience === 'all') byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
		for (const [topic, list] of byTopic)
			local.to(wallRoom(topic)).except(pushRooms).emit('events', list);
		for (const kind of kindsOfWatchers(this.ns, events, pushes))
			local.to(kind.socketIds).emit('events', kind.events, kind.views);
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}
}

/**
 * This node's sockets watching a view pushed in the flush, grouped by what they are sent: the
 * events they may see and the pushes of the views they watch.
 */
function kindsOfWatchers(
	ns: LiveNamespace,
	events: LiveEvent[],
	pushes: Map<string, ViewPush>
): { socketIds: string[]; events: LiveEvent[]; views: ViewPush[] }[] {
	const kinds = new Map<string, { socketIds: string[]; events: LiveEvent[]; views: ViewPush[] }>();
	const seen = new Set<string>();
	for (const room of pushes.keys())
		for (const id of ns.adapter.rooms.get(room) ?? []) {
			if (seen.has(id)) continue;
			seen.add(id);
			const socket = ns.sockets.get(id);
			if (!socket) continue;
			const watched = [...socket.rooms].filter((r) => pushes.has(r));
			const who = eventsSeenBy(socket.data.identity);
			const name = `${who.key}|${watched.join('|')}`;
			let kind = kinds.get(name);
			if (!kind) {
				kind = {
					socketIds: [],
					events: events.filter(who.sees),
					views: watched.map((r) => pushes.get(r)!)
				};
				kinds.set(name, kind);
			}
			kind.socketIds.push(id);
		}
	return [...kinds.values()];
}
