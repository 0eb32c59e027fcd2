/**
 * The one /live socket of a browser tab. Tracks the newest sequence seen and the connection state;
 * pages subscribe to events and reload their data (coalesced) when one concerns them.
 *
 * Usage (in a page):
 *   const live = getLive();
 *   onMount(() => live.subscribe((events) => { if (events.some(relevant)) refresh(); }));
 */
/* eslint-disable svelte/prefer-svelte-reactivity --
 * The rule flags every Date and Set built inside an exported class. Here `syncedAt` is replaced by
 * a new Date, never mutated, so $state tracks it; the Sets are private listener registries that no
 * template reads and must not become reactive. */
import { io, type Socket } from 'socket.io-client';
import { getContext, setContext } from 'svelte';
import type { ClientToServer, LiveEvent, ServerToClient } from './events';
import type { ViewClient } from './view-client';
import type { ViewPush } from './views';

/** 'resyncing': connected again after missing events; the page reloads before its figures count as current. */
export type LiveStatus = 'connecting' | 'connected' | 'resyncing' | 'offline';
type Listener = (events: LiveEvent[]) => void;

export interface LiveOptions {
	/** `display` on a wall page: the socket authenticates with the display's device cookie. */
	as?: 'display';
}

export class LiveConnection {
	status = $state<LiveStatus>('connecting');
	/** Newest committed sequence this tab has seen (from a snapshot or an event). */
	seq = $state(0);
	/** When the tab last knew its data to be current (connected and in step). */
	syncedAt = $state<Date>(new Date());

	private socket: Socket<ServerToClient, ClientToServer> | undefined;
	private listeners = new Set<Listener>();
	private resyncListeners = new Set<() => void>();
	private resyncTo = 0;
	/**
	 * Newest sequence whose events the listeners were given or a page load included: a later event
	 * is news to them. A pushed view does not move it (the view holds its own figures, not the
	 * page's other ones: the overview's freshness line and alert tile still need the flush's events,
	 * which come with the view's push or after it).
	 */
	private heard = 0;
	private closedListeners = new Set<() => void>();
	private viewClient: ViewClient | undefined;
	/**
	 * The server said hello on this connection. Frames that come before it (a flush sent between the
	 * socket joining its rooms and the hello) wait for it: otherwise their sequence would make a tab
	 * that missed events while away take the hello for "in step".
	 */
	private greeted = false;
	private early: [LiveEvent[], ViewPush[] | undefined][] = [];

	constructor(private readonly options: LiveOptions = {}) {}

	connect(): void {
		if (this.socket) return;
		const socket: Socket<ServerToClient, ClientToServer> = io('/live', {
			transports: ['websocket'],
			withCredentials: true,
			auth: this.options.as ? { as: this.options.as } : {}
		});
		this.socket = socket;
		this.viewClient?.attach(socket, 'handed over');
		socket.on('connect', () => {
			this.status = 'connected';
		});
		socket.on('disconnect', (reason) => {
			this.status = 'offline';
			this.greeted = false;
			this.early = [];
			// The server closed it because access changed (sign-out, role change, revoked display):
			// the page decides what to do (reload, sign in again); Socket.IO will not reconnect by itself.
			if (reason === 'io server disconnect') this.closedListeners.forEach((l) => l());
		});
		socket.on('connect_error', () => {
			this.status = 'offline';
		});
		// After a (re)connect the server says where it is; anything missed (or a database that moved
		// backwards, as after a restore) means a reload from the database before figures are current.
		socket.on('hello', ({ seq }) => {
			if (seq !== this.seq) {
				this.resyncTo = seq;
				this.status = 'resyncing';
				if (seq < this.seq) this.seq = 0;
				// A page without live figures has nothing to reload.
				if (this.resyncListeners.size === 0) {
					this.seq = seq;
					this.status = 'connected';
					this.syncedAt = new Date();
				}
				this.resyncListeners.forEach((l) => l());
			} else this.syncedAt = new Date();
			this.greeted = true;
			const early = this.early;
			this.early = [];
			for (const [events, views] of early) this.onEvents(events, views);
		});
		socket.on('events', (events, views) => {
			if (this.greeted) this.onEvents(events, views);
			else this.early.push([events, views]);
		});
	}

	private onEvents(events: LiveEvent[], views: ViewPush[] | undefined): void {
		// The flush's view pushes first: a listener hearing its events finds the views current.
		if (views?.length) this.viewClient?.receive(views);
		const fresh = events.filter((e) => e.seq > this.heard);
		if (fresh.length === 0) return;
		this.heard = Math.max(...fresh.map((e) => e.seq));
		this.seq = Math.max(this.seq, this.heard);
		this.syncedAt = new Date();
		this.listeners.forEach((l) => l(fresh));
	}

	/**
	 * The live views this tab watches over the socket, made on first use by `make`: only the pages
	 * that watch a view (followView, the wall) import the view client, so the others do not load it.
	 *
	 * Usage: `live.views(() => new ViewClient()).watch(key, (view) => …)`
	 */
	views(make: () => ViewClient): ViewClient {
		if (!this.viewClient) {
			this.viewClient = make();
			if (this.socket) this.viewClient.attach(this.socket, 'handed over');
		}
		return this.viewClient;
	}

	/**
	 * A page's data includes everything up to `seq`. A resync is over once that covers what the
	 * server had when the socket came back (`resyncTo`): events since then came live and reload the
	 * page like on any connected page. Waiting for the newest event seen instead would never end
	 * under a feed whose next event always arrives before the page's reload does.
	 *
	 * `from`: 'load' (the page's load data: the events it includes are not news to the listeners) or
	 * 'view' (a pushed live view: the listeners still hear the events it includes).
	 */
	caughtUp(seq: number, from: 'load' | 'view' = 'load'): void {
		if (from === 'load') this.heard = Math.max(this.heard, seq);
		if (this.status === 'resyncing' && seq >= this.resyncTo) {
			this.status = 'connected';
			this.syncedAt = new Date();
		}
		if (seq >= this.seq) {
			this.seq = seq;
			if (this.status === 'connected') this.syncedAt = new Date();
		}
	}

	/**
	 * The page watched its views again after a resync and holds the state the server answered with:
	 * that state includes every event the server had sent this tab before the answer (the views an
	 * event concerns are recomputed before any later answer), and later changes are pushed.
	 */
	resynced(seq: number): void {
		this.caughtUp(Math.max(seq, this.resyncTo, this.seq), 'view');
	}

	/** Calls `listener` with new events; returns the unsubscribe function. */
	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Calls `listener` when the tab may have missed events and must reload. */
	onResync(listener: () => void): () => void {
		this.resyncListeners.add(listener);
		return () => this.resyncListeners.delete(listener);
	}

	/**
	 * Calls `listener` when the server closed the socket because this tab's access changed. The
	 * listener typically reloads the page's data (which signs out or re-enters with the new role)
	 * and then calls `reconnect()`.
	 */
	onClosedByServer(listener: () => void): () => void {
		this.closedListeners.add(listener);
		return () => this.closedListeners.delete(listener);
	}

	/** Connects again after the server closed the socket (new credentials, new rooms). */
	reconnect(): void {
		if (this.socket && !this.socket.connected) this.socket.connect();
	}

	disconnect(): void {
		this.socket?.close();
		this.socket = undefined;
	}
}

const KEY = Symbol('live');

export function setLive(live: LiveConnection): LiveConnection {
	return setContext(KEY, live);
}

export function getLive(): LiveConnection {
	return getContext<LiveConnection>(KEY);
}

/**
 * Runs `reload` at most once per `ms`, trailing: a burst of events costs one reload, and the
 * page never repaints more than a few times a second.
 */
export function throttled(reload: () => Promise<unknown> | void, ms = 250): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running = false;
	let again = false;
	let last = 0;
	const run = async () => {
		timer = undefined;
		running = true;
		last = Date.now();
		try {
			await reload();
		} finally {
			running = false;
			if (again) {
				again = false;
				schedule();
			}
		}
	};
	const schedule = () => {
		if (running) {
			again = true;
			return;
		}
		if (timer) return;
		timer = setTimeout(run, Math.max(0, last + ms - Date.now()));
	};
	return schedule;
}
