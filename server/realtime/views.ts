/**
 * This node's live view cache: the latest computed state of each view (by key and audience) with the
 * live sequence it includes. When the hub flushes events (this node's, or another node's through
 * the adapter), every view they concern is marked stale; one that a socket on this node watches is
 * recomputed once — however many sockets watch it — and pushed to all of them, node-local (each node
 * computes for its own watchers): as the difference from the previous state (view-diff.ts) when that
 * is smaller, else whole. A push goes in the flush's `events` frame (the hub's, `FlushPushes`) when it
 * is ready before the hub sends that frame, else on its own (`viewDiff`, `view`). Each
 * state has a revision number, unique on this node, that a difference names as its base: a socket
 * holding another state asks for the whole again. A view nobody here watches is recomputed only when
 * read.
 * Knows nothing of what a view shows: the definitions do (src/lib/server/live-views).
 */
import type { LiveEvent } from '../../src/lib/live/events';
import {
	MAX_WATCHES_PER_SOCKET,
	parseViewKey,
	viewKeyString,
	type LiveView,
	type ViewKey,
	type ViewPush,
	type WatchReply
} from '../../src/lib/live/views';
import { definitionOf, type ViewAudience } from '../../src/lib/server/live-views/index';
import { describeError } from '../../src/lib/server/log';
import { diffJson, type Json } from '../../src/lib/live/view-diff';
import type { LiveViewCache } from '../../src/lib/server/runtime';
import type { LiveNamespace, LiveSocket } from './live';
import { viewRoom } from './rooms';

/** Distinct views (key × audience) a node keeps; past it, unwatched ones are dropped, oldest first. */
export const MAX_CACHED_VIEWS = 256;

/**
 * The view pushes of one flush, by view room, for the hub to send in the flush's `events` frames.
 * Open until the hub takes them; a push computed after that goes out on its own.
 */
export class FlushPushes {
	private open = true;
	private readonly byRoom = new Map<string, ViewPush>();

	/** Resolves once every computation the flush started is done (or failed). */
	ready: Promise<void> = Promise.resolve();

	/** Keeps `push` for the flush's frames; false once the hub took them. */
	add(room: string, push: ViewPush): boolean {
		if (this.open) this.byRoom.set(room, push);
		return this.open;
	}

	/** The pushes ready now, by room; later ones go out on their own. */
	take(): Map<string, ViewPush> {
		this.open = false;
		return this.byRoom;
	}
}

interface Entry {
	key: ViewKey;
	name: string;
	audience: ViewAudience;
	room: string;
	view: LiveView | undefined;
	/** `view.data` as a socket carries it (JSON), the base of the next difference. */
	wire: Json | undefined;
	/** What the key stood for when `view` was computed (definition.resolve). */
	resolved: string;
	/** An event since the last computation concerns it. */
	stale: boolean;
	/** Watchers must be sent the next computation (it follows a change, not a first watch). */
	push: boolean;
	/** A change arrived while computing: compute once more when done. */
	again: boolean;
	/** The flushes waiting for this view's next push, oldest first: the oldest still open carries it. */
	flushes: FlushPushes[];
	computing: Promise<LiveView> | undefined;
	concerns: (event: LiveEvent) => boolean;
	computations: number;
	usedAt: number;
}

export class LiveViews implements LiveViewCache {
	private readonly entries = new Map<string, Entry>();
	/** Computations since start, over every view: tests and benchmarks read it. */
	computations = 0;
	/** Pushes since start: whole states and differences (one per view and change, not per socket). */
	readonly pushes = { whole: 0, diffs: 0 };
	/** The last revision given to a state on this node. */
	private rev = 0;

	constructor(private readonly ns: LiveNamespace) {}

	/** How many times the view of `key` (its string) was computed for `audience`. */
	computationsOf(key: string, audience: ViewAudience): number {
		return this.entries.get(entryName(key, audience))?.computations ?? 0;
	}

	/** Sockets on this node watching the view. */
	watchers(key: string, audience: ViewAudience): number {
		return this.ns.adapter.rooms.get(viewRoom(audience, key))?.size ?? 0;
	}

	async read(key: ViewKey, audience: ViewAudience): Promise<LiveView> {
		const entry = this.entryOf(key, audience);
		if (!entry) return this.computeUncached(key, audience);
		entry.usedAt = Date.now();
		if (entry.computing) await entry.computing.catch(() => {});
		const def = definitionOf(entry.key);
		if (entry.view && !entry.stale && !entry.computing && entry.resolved === def.resolve(entry.key))
			return entry.view;
		return entry.computing ?? this.start(entry);
	}

	/** A socket's `watch`: joins the view's room and answers with its current state. */
	async watch(socket: LiveSocket, audience: ViewAudience, raw: unknown): Promise<WatchReply> {
		const parsed = parseViewKey(raw);
		if ('error' in parsed) return { ok: false, error: parsed.error };
		const room = viewRoom(audience, viewKeyString(parsed.key));
		const watching = [...socket.rooms].filter((r) => r.startsWith('view:'));
		if (!socket.rooms.has(room) && watching.length >= MAX_WATCHES_PER_SOCKET)
			return { ok: false, error: `at most ${MAX_WATCHES_PER_SOCKET} views per connection` };
		if (!this.entryOf(parsed.key, audience))
			return { ok: false, error: 'too many views on this server' };
		socket.join(room);
		try {
			return { ok: true, view: await this.read(parsed.key, audience) };
		} catch (err) {
			console.error(`[live] view ${viewKeyString(parsed.key)}: ${describeError(err)}`);
			return { ok: false, error: 'unavailable' };
		}
	}

	unwatch(socket: LiveSocket, audience: ViewAudience, raw: unknown): void {
		const parsed = parseViewKey(raw);
		if ('key' in parsed) socket.leave(viewRoom(audience, viewKeyString(parsed.key)));
	}

	/**
	 * Events of one coalesced flush: every view they concern is stale; the watched ones are
	 * recomputed (once each) and their pushes kept for the flush's frames (see FlushPushes).
	 */
	onFlush(events: LiveEvent[]): FlushPushes {
		const runs: Promise<unknown>[] = [];
		const flush = new FlushPushes();
		for (const entry of this.entries.values()) {
			if (!events.some(entry.concerns)) continue;
			entry.stale = true;
			if (this.watchersOf(entry) === 0) continue;
			entry.push = true;
			entry.flushes.push(flush);
			if (entry.computing) entry.again = true;
			else this.start(entry).catch(() => {});
			runs.push(entry.computing!.catch(() => {}));
		}
		flush.ready = Promise.all(runs).then(() => {});
		return flush;
	}

	private watchersOf(entry: Entry): number {
		return this.ns.adapter.rooms.get(entry.room)?.size ?? 0;
	}

	/** The entry of a view, made if new; undefined when the cache is full of watched views. */
	private entryOf(key: ViewKey, audience: ViewAudience): Entry | undefined {
		const keyString = viewKeyString(key);
		const name = entryName(keyString, audience);
		const found = this.entries.get(name);
		if (found) return found;
		if (this.entries.size >= MAX_CACHED_VIEWS && !this.evictOne()) return undefined;
		const entry: Entry = {
			key,
			name,
			audience,
			room: viewRoom(audience, keyString),
			view: undefined,
			wire: undefined,
			resolved: '',
			stale: true,
			push: false,
			again: false,
			flushes: [],
			computing: undefined,
			concerns: definitionOf(key).concerns(key),
			computations: 0,
			usedAt: Date.now()
		};
		this.entries.set(name, entry);
		return entry;
	}

	/** Drops the least recently used view nobody on this node watches. */
	private evictOne(): boolean {
		let oldest: Entry | undefined;
		for (const e of this.entries.values())
			if (this.watchersOf(e) === 0 && !e.computing && (!oldest || e.usedAt < oldest.usedAt))
				oldest = e;
		if (oldest) this.entries.delete(oldest.name);
		return Boolean(oldest);
	}

	private start(entry: Entry): Promise<LiveView> {
		const run = this.run(entry).finally(() => {
			entry.computing = undefined;
		});
		entry.computing = run;
		return run;
	}

	/**
	 * Computes until no change arrived meanwhile, then pushes to the watchers if a change asked: the
	 * difference from the state before (what the watchers hold) when smaller than the whole.
	 */
	private async run(entry: Entry): Promise<LiveView> {
		const def = definitionOf(entry.key);
		const before = entry.view && { rev: entry.view.rev!, wire: entry.wire! };
		let view: LiveView;
		do {
			entry.again = false;
			entry.stale = false;
			const resolved = def.resolve(entry.key);
			let computed: { seq: number; data: unknown };
			try {
				computed = await def.compute(entry.key, entry.audience);
			} catch (err) {
				entry.stale = true;
				entry.flushes = [];
				console.error(`[live] view ${entry.name}: ${describeError(err)}`);
				throw err;
			}
			this.computations++;
			entry.computations++;
			const key = viewKeyString(entry.key);
			view = { key, seq: computed.seq, rev: ++this.rev, data: computed.data };
			entry.view = view;
			entry.wire = JSON.parse(JSON.stringify(computed.data)) as Json;
			entry.resolved = resolved;
		} while (entry.again);
		if (entry.push) {
			entry.push = false;
			const diff = before && diffJson(before.wire, entry.wire);
			const { key, seq, rev } = view;
			// A difference that replaces the whole is no smaller than the whole.
			const push: ViewPush =
				diff && !(diff.length === 1 && diff[0][0].length === 0)
					? { key, seq, rev: rev!, base: before.rev, diff }
					: view;
			if ('diff' in push) this.pushes.diffs++;
			else this.pushes.whole++;
			const flushes = entry.flushes;
			entry.flushes = [];
			if (!flushes.some((f) => f.add(entry.room, push))) {
				const out = this.ns.local.to(entry.room);
				if ('diff' in push) out.emit('viewDiff', push);
				else out.emit('view', push);
			}
		}
		return view;
	}

	private async computeUncached(key: ViewKey, audience: ViewAudience): Promise<LiveView> {
		const { seq, data } = await definitionOf(key).compute(key, audience);
		this.computations++;
		return { key: viewKeyString(key), seq, rev: ++this.rev, data };
	}
}

const entryName = (key: string, audience: ViewAudience) => `${audience}|${key}`;
