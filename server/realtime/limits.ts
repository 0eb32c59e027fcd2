/**
 * What a Socket.IO connection may send, checked before a message is parsed: a small size for every
 * namespace except `/ingest` from a sender whose key was accepted (batch-sized, up to the engine's
 * limit), and a message rate per connection. A connection that breaks either is closed. Socket.IO
 * makes one decoder per connection, so the checks live in a decoder (the `parser` option) that
 * reads only a message's header (type and namespace) before deciding.
 *
 * The same small size is set on each connection's transport, so a WebSocket frame or a polling
 * body over it is refused from its length, before it is received (engine.io's limit, the
 * batch-sized maxHttpBufferSize, otherwise holds for every connection).
 *
 * Usage: new Server(http, { parser: limitedParser }); limitTransports(io); guardNamespace(ns);
 *        allowBatches(socket);
 */
import type { Namespace, Server, Socket } from 'socket.io';
import * as parser from 'socket.io-parser';
import { MAX_BATCH_BYTES } from '../../src/lib/domain/records';

/**
 * Socket.IO closes a connection whose message passes this (engine.io's maxHttpBufferSize); below
 * it, a batch over the contract's limit (MAX_BATCH_BYTES, as POST /api/ingest) is answered
 * `{ batchId, error }` like any refusal. Only an accepted `/ingest` sender may come near it.
 */
export const MAX_MESSAGE_BYTES = 2 * MAX_BATCH_BYTES;

/** Most bytes of one message to a namespace other than an accepted `/ingest` (a ping, a handshake). */
export const SMALL_MESSAGE_BYTES = 16 * 1024;

export interface Rate {
	/** Messages that may arrive at once. */
	burst: number;
	/** Messages a second, sustained. */
	perSecond: number;
}

/** A page's socket sends a ping now and then; a display nothing at all. */
export const SMALL_RATE: Rate = { burst: 40, perSecond: 10 };
/** A sender's batches (each acknowledged; the worker keeps a few in flight). */
export const INGEST_RATE: Rate = { burst: 400, perSecond: 200 };

export const INGEST_NAMESPACE = '/ingest';

/** The namespace a packet string is for: `2/live,["ping"]`, `51-/ingest,…`, `0` (the default). */
function namespaceOf(packet: string): string {
	let i = 1;
	if (packet[0] === '5' || packet[0] === '6') {
		const dash = packet.indexOf('-', 1);
		if (dash < 0 || dash > 12) return '/';
		i = dash + 1;
	}
	if (packet[i] !== '/') return '/';
	const comma = packet.indexOf(',', i);
	return packet.slice(i, comma < 0 ? Math.min(packet.length, i + 200) : Math.min(comma, i + 200));
}

export class MessageRefused extends Error {}

class LimitedDecoder extends parser.Decoder {
	private batches = false;
	private rate: Rate = SMALL_RATE;
	private tokens = SMALL_RATE.burst;
	private refilled = Date.now();
	/** The namespace of the packet whose binary attachments may follow. */
	private current = '/';

	/** The connection has an accepted `/ingest` socket: batches and their pace are allowed there. */
	allowBatches(): void {
		this.batches = true;
		this.rate = INGEST_RATE;
		this.tokens = INGEST_RATE.burst;
	}

	override add(obj: unknown): void {
		const now = Date.now();
		this.tokens = Math.min(
			this.rate.burst,
			this.tokens + ((now - this.refilled) / 1000) * this.rate.perSecond
		);
		this.refilled = now;
		if (--this.tokens < 0) throw new MessageRefused('too many messages');
		if (typeof obj === 'string') {
			this.current = namespaceOf(obj);
			if (this.tooLarge(obj.length, obj)) throw new MessageRefused('message too large');
		} else {
			const size = (obj as { byteLength?: number; length?: number }).byteLength ?? 0;
			if (this.tooLarge(size)) throw new MessageRefused('message too large');
		}
		super.add(obj);
	}

	private tooLarge(units: number, text?: string): boolean {
		if (this.batches && this.current === INGEST_NAMESPACE) return false; // the engine's limit
		if (units > SMALL_MESSAGE_BYTES) return true;
		// A string's bytes are at most three per UTF-16 unit: count them only when that could pass.
		return text !== undefined && units * 3 > SMALL_MESSAGE_BYTES
			? Buffer.byteLength(text) > SMALL_MESSAGE_BYTES
			: false;
	}
}

/** Socket.IO's default parser with the checks above on what arrives. */
export const limitedParser = { Encoder: parser.Encoder, Decoder: LimitedDecoder };

/** An engine.io connection as far as its payload limit goes (internals of engine.io and ws). */
interface EngineConnection {
	transport?: {
		opts?: { maxHttpBufferSize?: number };
		socket?: { _receiver?: { _maxPayload?: number } };
	};
	on(event: 'upgrade', listener: () => void): void;
}

/** Connections whose transports may carry batches. */
const batchConnections = new WeakSet<object>();

/**
 * Sets the most bytes a connection's current transport takes in one frame (WebSocket) or body
 * (polling). Where the internals are not as expected nothing changes: the decoder still refuses
 * the message, only later.
 */
function limitTransport(conn: EngineConnection, bytes: number): void {
	const transport = conn.transport;
	if (typeof transport?.opts?.maxHttpBufferSize === 'number')
		transport.opts = { ...transport.opts, maxHttpBufferSize: bytes };
	const receiver = transport?.socket?._receiver;
	if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = bytes;
}

/** Every new connection, and every transport it upgrades to, takes small messages only. */
export function limitTransports(io: Server): void {
	io.engine.on('connection', (conn: EngineConnection) => {
		limitTransport(conn, SMALL_MESSAGE_BYTES);
		conn.on('upgrade', () => {
			if (!batchConnections.has(conn)) limitTransport(conn, SMALL_MESSAGE_BYTES);
		});
	});
}

/**
 * Lets the connection of an accepted `/ingest` socket send batches (up to the engine's limit,
 * `maxBytes`). Socket.IO keeps a connection's decoder on its (internal) client; a missing one
 * leaves the small limits in force.
 */
export function allowBatches(socket: Socket, maxBytes: number): void {
	const decoder = (socket.client as unknown as { decoder?: unknown }).decoder;
	if (decoder instanceof LimitedDecoder) decoder.allowBatches();
	batchConnections.add(socket.conn);
	limitTransport(socket.conn as unknown as EngineConnection, maxBytes);
}

/**
 * A refused message closes the connection, and Socket.IO reports it to the connection's sockets as
 * an `error` event first: each socket listens, or the report would be an uncaught exception.
 */
export function guardNamespace(ns: Namespace): void {
	ns.use((socket, next) => {
		socket.on('error', () => socket.disconnect(true));
		next();
	});
}
