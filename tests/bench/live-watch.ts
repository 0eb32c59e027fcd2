/**
 * One bench:live watcher: a /live socket signed in with a member's session cookie, following the
 * figure a screen of the overview shows — the year's paid total of one budget kind, in fen.
 *
 * - `views`: the live views contract, through the app's own client (src/lib/live/view-client.ts).
 *   The socket watches the overview's view; the figure is the view's `executed`, replaced by every
 *   pushed `view` frame.
 * - `events`: the events contract. The socket receives the coalesced `events` frames; the figure is
 *   the sum of the `execution` changes of the watched year and kind since the socket connected (a
 *   page would reload its data on that frame; the bench counts the frame's arrival).
 * - `floor`: the server (ingest-server.ts, BENCH_LIVE_FLOOR) sends each socket only the total, a few
 *   bytes a change, and nothing else: the fan-out floor of the machine.
 *
 * Bytes are counted as the socket receives them: every Engine.IO packet's payload (the WebSocket
 * frame's framing left out), pings included.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../../src/lib/live/events';
import { yuanToFen } from '../../src/lib/domain/money';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { ViewClient } from '../../src/lib/live/view-client';

export type WatchMode = 'views' | 'events' | 'floor';

/** The view a watcher watches (the overview of a year and budget kind). */
export interface WatchedView {
	year: number;
	budgetKind: string;
}

export interface Watcher {
	/** The figure held now (fen). */
	figure(): bigint;
	bytes(): number;
	/** Socket.IO frames received (Engine.IO `message` packets: no pings). */
	frames(): number;
	connected(): boolean;
	close(): void;
}

type LiveSocket = Socket<ServerToClient, ClientToServer>;

function liveSocket(url: string, token: string): LiveSocket {
	return io(`${url}/live`, {
		forceNew: true,
		reconnection: false,
		transports: ['websocket'],
		extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
	});
}

/** Counts the bytes of every packet the socket's connection receives, and its message frames. */
function countBytes(socket: LiveSocket): { bytes: () => number; frames: () => number } {
	let bytes = 0;
	let frames = 0;
	socket.io.on('open', () =>
		socket.io.engine.on('packet', (packet: { type?: string; data?: unknown }) => {
			if (packet.type === 'message') frames++;
			const data = packet.data;
			bytes +=
				1 +
				(typeof data === 'string'
					? Buffer.byteLength(data)
					: ((data as ArrayBuffer | undefined)?.byteLength ?? 0));
		})
	);
	return { bytes: () => bytes, frames: () => frames };
}

/**
 * A watcher on a socket of its own: `follow` subscribes and hands each new figure to `set`; the
 * watcher is ready when `follow`'s promise resolves, and fails when the socket cannot connect.
 */
async function openSocketWatcher(
	url: string,
	token: string,
	onFigure: (fen: bigint) => void,
	follow: (socket: LiveSocket, set: (fen: bigint) => void) => Promise<void>
): Promise<Watcher> {
	const socket = liveSocket(url, token);
	const counted = countBytes(socket);
	let figure = 0n;
	const set = (fen: bigint) => {
		figure = fen;
		onFigure(fen);
	};
	const failed = new Promise<never>((_, reject) => socket.once('connect_error', reject));
	await Promise.race([follow(socket, set), failed]);
	return {
		figure: () => figure,
		...counted,
		connected: () => socket.connected,
		close: () => socket.close()
	};
}

/** The events contract: the sum of the watched year and kind's execution changes since the hello. */
function followEvents(view: WatchedView) {
	return (socket: LiveSocket, set: (fen: bigint) => void) => {
		let sum = 0n;
		let seq = 0;
		socket.on('events', (events) => {
			let changed = false;
			for (const e of events) {
				if (e.seq <= seq) continue;
				seq = e.seq;
				if (e.topic !== 'execution') continue;
				for (const c of (
					e.payload as { changes: { year: number; budgetKind: string; amount: string }[] }
				).changes)
					if (c.year === view.year && c.budgetKind === view.budgetKind) {
						sum += yuanToFen(c.amount);
						changed = true;
					}
			}
			if (changed) set(sum);
		});
		return new Promise<void>((resolve) =>
			socket.once('hello', (hello) => {
				seq = hello.seq;
				resolve();
			})
		);
	};
}

/** The live views contract: the overview view's `executed`, replaced by every pushed frame. */
function followView(view: WatchedView) {
	return (socket: LiveSocket, set: (fen: bigint) => void) =>
		new Promise<void>((resolve, reject) =>
			new ViewClient(socket).watch<{ executed: string }>(
				{ view: 'overview', year: view.year, budgetKind: view.budgetKind },
				(v) => {
					set(yuanToFen(v.data.executed));
					resolve();
				},
				(error) => reject(new Error(`watch refused: ${error}`))
			)
		);
}

/** The bench server's own `floor` event (BENCH_LIVE_FLOOR), not an event of the app's contract. */
function followFloor(socket: LiveSocket, set: (fen: bigint) => void) {
	return new Promise<void>((resolve) =>
		(socket as unknown as Socket).on('floor', (total: string) => {
			set(BigInt(total));
			resolve();
		})
	);
}

export function openWatcher(
	mode: WatchMode,
	url: string,
	token: string,
	view: WatchedView,
	onFigure: (fen: bigint) => void
): Promise<Watcher> {
	const follow =
		mode === 'views'
			? followView(view)
			: mode === 'events'
				? followEvents(view)
				: mode === 'floor'
					? followFloor
					: null;
	if (!follow) throw new Error(`unknown watch mode ${String(mode)}`);
	return openSocketWatcher(url, token, onFigure, follow);
}
