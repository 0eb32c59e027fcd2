/**
 * Watches live views over a /live socket: asks the server for each view once, keeps the newest
 * pushed state of each — whole or as the difference from the state it holds (applied here:
 * listeners always get whole states), in a flush's `events` frame or on its own (`view`,
 * `viewDiff`) — and watches again after every (re)connect, and whenever a difference does not fit
 * what it holds (a missed push), so a screen never holds a view older than the server's. Plain TypeScript (no runes), so it runs in the browser and in node with
 * socket.io-client (the benchmarks).
 *
 * Usage:
 *   const views = new ViewClient(socket);
 *   const stop = views.watch({ view: 'overview', year: 2026, budgetKind: 'general' }, (view) => …);
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from './events';
import { applyDiff } from './view-diff';
import {
	isViewDiff,
	viewKeyString,
	type LiveView,
	type LiveViewDiff,
	type ViewKey,
	type ViewPush,
	type WatchReply
} from './views';

export type LiveSocket = Socket<ServerToClient, ClientToServer>;

export type ViewListener<D = unknown> = (view: LiveView<D>) => void;
export type WatchErrorListener = (error: string) => void;

interface Watched {
	key: ViewKey;
	view: LiveView | undefined;
	listeners: Set<ViewListener>;
	errorListeners: Set<WatchErrorListener>;
	/** Watches sent and not yet answered (their answers carry the whole current state). */
	asking: number;
	/** The newest revision of a difference set aside while a watch was unanswered. */
	setAside: number;
}

export class ViewClient {
	private socket: LiveSocket | undefined;
	private readonly watched = new Map<string, Watched>();
	/** Differences that did not fit the state held, each followed by a watch for the whole state. */
	resyncs = 0;

	constructor(socket?: LiveSocket) {
		if (socket) this.attach(socket);
	}

	/**
	 * Uses `socket` from now on: watches every view on each connect, applies pushed views — those on
	 * their own, and those in a flush's `events` frame unless the caller hands them over itself
	 * (`receive`, so that they are applied before its own listeners hear the flush's events).
	 */
	attach(socket: LiveSocket, pushesInEvents: 'listen' | 'handed over' = 'listen'): void {
		if (this.socket === socket) return;
		this.socket = socket;
		socket.on('view', (view) => this.apply(view, false));
		socket.on('viewDiff', (diff) => this.applyDiff(diff));
		if (pushesInEvents === 'listen')
			socket.on('events', (_events, pushes) => pushes && this.receive(pushes));
		// Unanswered watches are never answered after a disconnect; the connect handler asks again.
		socket.on('disconnect', () =>
			this.watched.forEach((w) => {
				w.asking = 0;
				w.setAside = 0;
			})
		);
		socket.on('connect', () => void this.rewatch());
		if (socket.connected) void this.rewatch();
	}

	/** The view pushes of a flush's `events` frame, in order. */
	receive(pushes: ViewPush[]): void {
		for (const push of pushes) {
			if (isViewDiff(push)) this.applyDiff(push);
			else this.apply(push, false);
		}
	}

	/**
	 * Calls `listener` with the view now (when known) and with every newer state; returns the
	 * function that stops watching. Watching one key twice shares one server-side watch.
	 */
	watch<D>(key: ViewKey, listener: ViewListener<D>, onError?: WatchErrorListener): () => void {
		const name = viewKeyString(key);
		let w = this.watched.get(name);
		const fresh = !w;
		if (!w) {
			w = {
				key,
				view: undefined,
				listeners: new Set(),
				errorListeners: new Set(),
				asking: 0,
				setAside: 0
			};
			this.watched.set(name, w);
		}
		const entry = w;
		entry.listeners.add(listener as ViewListener);
		if (onError) entry.errorListeners.add(onError);
		if (fresh) void this.ask(entry);
		else if (entry.view) listener(entry.view as LiveView<D>);
		return () => {
			entry.listeners.delete(listener as ViewListener);
			if (onError) entry.errorListeners.delete(onError);
			if (entry.listeners.size > 0) return;
			this.watched.delete(name);
			if (this.socket?.connected) this.socket.emit('unwatch', entry.key);
		};
	}

	/** The newest state of a watched view, if the server has sent one. */
	latest<D>(key: ViewKey): LiveView<D> | undefined {
		return this.watched.get(viewKeyString(key))?.view as LiveView<D> | undefined;
	}

	/**
	 * Watches every view again (after a reconnect, or when the page may have missed something);
	 * resolves once each has its current state (or was refused).
	 */
	async rewatch(): Promise<void> {
		await Promise.all([...this.watched.values()].map((w) => this.ask(w)));
	}

	private ask(w: Watched): Promise<void> {
		const socket = this.socket;
		// Not connected: the 'connect' handler asks for every view.
		if (!socket?.connected) return Promise.resolve();
		w.asking++;
		return new Promise((resolve) => {
			socket.emit('watch', w.key, (reply: WatchReply) => {
				w.asking = Math.max(0, w.asking - 1);
				if (reply.ok) this.apply(reply.view, true);
				else w.errorListeners.forEach((l) => l(reply.error));
				// A difference set aside meanwhile is newer than this answer: ask again.
				const behind = reply.ok && w.setAside > (reply.view.rev ?? 0);
				if (w.asking === 0) w.setAside = 0;
				if (behind && this.watched.get(viewKeyString(w.key)) === w) void this.ask(w).then(resolve);
				else resolve();
			});
		});
	}

	/**
	 * A pushed difference: applied to the state it names as its base; any other state (a push
	 * missed, a state from before a reconnect) or a difference that does not fit makes the client
	 * watch again for the whole. While a watch is unanswered its answer brings the current state.
	 */
	private applyDiff(d: LiveViewDiff): void {
		const w = this.watched.get(d.key);
		if (!w) return;
		if (w.asking > 0) {
			w.setAside = Math.max(w.setAside, d.rev);
			return;
		}
		let data: unknown;
		try {
			if (!w.view || w.view.rev !== d.base) throw new Error('another base');
			data = applyDiff(w.view.data, d.diff);
		} catch {
			this.resyncs++;
			void this.ask(w);
			return;
		}
		const view: LiveView = { key: d.key, seq: d.seq, rev: d.rev, data };
		w.view = view;
		w.listeners.forEach((l) => l(view));
	}

	/**
	 * A pushed view replaces an older one only; a reply to a watch is the server's current state and
	 * always replaces (a database restored to an earlier point has smaller sequences).
	 */
	private apply(view: LiveView, current: boolean): void {
		const w = this.watched.get(view.key);
		if (!w) return;
		if (!current && w.view && view.seq < w.view.seq) return;
		w.view = view;
		w.listeners.forEach((l) => l(view));
	}
}
