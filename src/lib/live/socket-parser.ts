/**
 * The browser's Socket.IO packet parser: socket.io-parser's text format (protocol 5) without binary
 * attachments. The app sends JSON only (events, views, pings), so the default parser's binary
 * support (finding buffers in a payload, placeholders, reassembling attachments) is dead weight on
 * every page's first load. The browser build gives socket.io-client this module in place of
 * socket.io-parser (`jsonSocketParser()` in vite.config.ts); the server keeps the default parser,
 * which writes these same strings for a packet without binary data.
 *
 * A binary packet (or a binary frame) fails to decode, as a malformed one does: socket.io-client
 * then closes the connection ("parse error") and reconnects.
 */

export const protocol = 5;

export const PacketType = {
	CONNECT: 0,
	DISCONNECT: 1,
	EVENT: 2,
	ACK: 3,
	CONNECT_ERROR: 4,
	BINARY_EVENT: 5,
	BINARY_ACK: 6
} as const;

export interface Packet {
	type: number;
	nsp: string;
	data?: unknown;
	id?: number;
}

/** Names Socket.IO keeps for itself: an event may not be called one of them. */
const RESERVED = [
	'connect',
	'connect_error',
	'disconnect',
	'disconnecting',
	'newListener',
	'removeListener'
];

export class Encoder {
	/** A packet as the one string socket.io-parser writes for it: `2/live,["subscribe",…]`. */
	encode(packet: Packet): string[] {
		let text = String(packet.type);
		if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
		if (packet.id != null) text += packet.id;
		if (packet.data != null) text += JSON.stringify(packet.data);
		return [text];
	}
}

type Decoded = (packet: Packet) => void;

/** Emits `decoded` for each packet string added; throws on anything it cannot read. */
export class Decoder {
	private listeners: Decoded[] = [];

	on(event: string, listener: Decoded): this {
		if (event === 'decoded') this.listeners.push(listener);
		return this;
	}

	off(event?: string, listener?: Decoded): this {
		this.listeners = listener ? this.listeners.filter((l) => l !== listener) : [];
		return this;
	}

	add(message: unknown): void {
		if (typeof message !== 'string') throw new Error('binary data is not expected');
		const packet = decode(message);
		for (const listener of [...this.listeners]) listener(packet);
	}

	destroy(): void {}
}

function decode(text: string): Packet {
	const type = Number(text.charAt(0));
	if (!(type >= PacketType.CONNECT && type <= PacketType.CONNECT_ERROR))
		throw new Error(`unexpected packet type ${text.charAt(0)}`);
	let i = 1;
	let nsp = '/';
	if (text.charAt(i) === '/') {
		const comma = text.indexOf(',', i);
		const end = comma < 0 ? text.length : comma;
		nsp = text.slice(i, end);
		i = end + 1;
	}
	const packet: Packet = { type, nsp };
	const id = /^\d+/.exec(text.slice(i))?.[0];
	if (id) {
		packet.id = Number(id);
		i += id.length;
	}
	if (i < text.length) {
		let data: unknown;
		try {
			data = JSON.parse(text.slice(i));
		} catch {
			throw new Error('invalid payload');
		}
		if (!payloadValid(type, data)) throw new Error('invalid payload');
		packet.data = data;
	}
	return packet;
}

function payloadValid(type: number, data: unknown): boolean {
	const object = Object.prototype.toString.call(data) === '[object Object]';
	switch (type) {
		case PacketType.CONNECT:
			return object;
		case PacketType.CONNECT_ERROR:
			return object || typeof data === 'string';
		case PacketType.EVENT:
			return (
				Array.isArray(data) &&
				(typeof data[0] === 'number' ||
					(typeof data[0] === 'string' && !RESERVED.includes(data[0])))
			);
		case PacketType.ACK:
			return Array.isArray(data);
		default:
			return false; // a DISCONNECT carries no data
	}
}
