// The live hub of this node: committed events to the /live rooms allowed to see them, coalesced.
import type { LiveEvent } from '../../src/lib/live/events';
import { describeError } from '../../src/lib/server/log';
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
 * How long a flush's `events` frames wait for the live views it changed to be pushed first: the
 * pushes carry figures a screen shows as they are, the events make pages reload (or move a line).
 */
export const VIEWS_FIRST_MS = 150;

/**
 * Buffers events and flushes them in seq order, at most once every COALESCE_MS: at once (the next
 * tick, so one publish's events go together) when the last flush is older than that, otherwise at
 * the end of its window — a lone change is not delayed, a burst costs at most two flushes. A flush
 * goes to the live views of every node (views.ts), which recompute and push what the flush changed; then — once this node's pushes
 * of the flush are sent, or after VIEWS_FIRST_MS — to each role room the events its audience may
 * see and to each `wall:<topic>` room that topic's events meant for everyone. Writing a frame to a
 * thousand sockets takes tens of milliseconds of the one thread; the views' computation and pushes
 * do not wait behind it. Flushes' events frames leave in flush order.
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
		// Another app server's flush: this node's watched views it concerns are recomputed here.
		if (shared) ns.on('flushed', (events) => void views.onFlush(events));
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
		const pushed = this.views.onFlush(events);
		const waited = new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, VIEWS_FIRST_MS);
			void pushed.then(() => {
				clearTimeout(timer);
				resolve();
			});
		});
		this.sending = this.sending
			.then(() => waited)
			.then(() => this.send(events))
			.catch((err: unknown) => console.error(`[live] events: ${describeError(err)}`));
	}

	/** One flush's events to the role rooms and the wall rooms. */
	private send(events: LiveEvent[]): void {
		for (const role of ROLES) {
			const visible = events.filter((e) => AUDIENCE_ROLES[e.audience].includes(role));
			if (visible.length > 0) this.ns.to(roleRoom(role)).emit('events', visible);
		}
		const byTopic = new Map<string, LiveEvent[]>();
		for (const e of events)
			if (e.audience === 'all') byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
		for (const [topic, list] of byTopic) this.ns.to(wallRoom(topic)).emit('events', list);
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}
}
