// The live hub of this node: committed events to the /live rooms allowed to see them, coalesced.
import type { LiveEvent } from '../../src/lib/live/events';
import type { LiveHub, LiveSubject } from '../../src/lib/server/runtime';
import type { IngestNamespace } from './ingest';
import type { LiveNamespace } from './live';
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
 * Buffers events and flushes at most every COALESCE_MS, in seq order: to each role room the events
 * its audience may see, to each `wall:<topic>` room that topic's events meant for everyone, and to
 * the live views of every node (views.ts), which recompute and push what the flush changed.
 */
export class CoalescingHub implements LiveHub {
	private pending: LiveEvent[] = [];
	private timer: NodeJS.Timeout | undefined;
	private lastFlush = 0;

	constructor(
		private readonly ns: LiveNamespace,
		private readonly ingestNs: IngestNamespace,
		private readonly views: LiveViews
	) {
		// Another app server's flush: this node's watched views it concerns are recomputed here.
		ns.on('flushed', (events) => views.onFlush(events));
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
		for (const role of ROLES) {
			const visible = events.filter((e) => AUDIENCE_ROLES[e.audience].includes(role));
			if (visible.length > 0) this.ns.to(roleRoom(role)).emit('events', visible);
		}
		const byTopic = new Map<string, LiveEvent[]>();
		for (const e of events)
			if (e.audience === 'all') byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
		for (const [topic, list] of byTopic) this.ns.to(wallRoom(topic)).emit('events', list);
		// Live views: each node recomputes the ones its own sockets watch, once per flush.
		this.ns.serverSideEmit('flushed', events);
		this.views.onFlush(events);
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
