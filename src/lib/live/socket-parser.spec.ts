import * as socketIoParser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, PacketType, protocol, type Packet } from './socket-parser';

/** What socket.io-parser (the server's parser) makes of a string, or the error it throws. */
function reference(text: string): unknown {
	const decoder = new socketIoParser.Decoder();
	let out: unknown;
	decoder.on('decoded', (p: unknown) => (out = p));
	try {
		decoder.add(text);
	} catch (e) {
		return { error: (e as Error).message };
	}
	return out;
}

function decoded(text: string): Packet[] {
	const packets: Packet[] = [];
	new Decoder().on('decoded', (p) => packets.push(p)).add(text);
	return packets;
}

describe("the browser's JSON-only Socket.IO parser", () => {
	it('speaks the same protocol version and packet types as socket.io-parser', () => {
		expect(protocol).toBe(socketIoParser.protocol);
		for (const [name, value] of Object.entries(PacketType))
			expect(socketIoParser.PacketType[name as keyof typeof socketIoParser.PacketType]).toBe(value);
	});

	it('writes what a tab sends exactly as socket.io-parser does', () => {
		const packets = [
			{ type: PacketType.CONNECT, nsp: '/live', data: { as: 'display' } },
			{ type: PacketType.CONNECT, nsp: '/live', data: {} },
			{ type: PacketType.CONNECT, nsp: '/' },
			{ type: PacketType.EVENT, nsp: '/live', data: ['view', { key: 'overview', year: 2026 }] },
			{ type: PacketType.EVENT, nsp: '/live', data: ['resync', 41], id: 7 },
			{ type: PacketType.EVENT, nsp: '/', data: ['ping'] },
			{ type: PacketType.ACK, nsp: '/live', data: [{ ok: true }], id: 12 },
			{ type: PacketType.DISCONNECT, nsp: '/live' }
		];
		const encoder = new Encoder();
		const theirs = new socketIoParser.Encoder();
		for (const packet of packets) expect(encoder.encode(packet)).toEqual(theirs.encode(packet));
	});

	it('reads what the server sends exactly as socket.io-parser does', () => {
		const server = new socketIoParser.Encoder();
		const sent = [
			{ type: PacketType.CONNECT, nsp: '/live', data: { sid: 'abc' } },
			{
				type: PacketType.EVENT,
				nsp: '/live',
				data: ['events', [{ seq: 42, topic: 'execution', payload: { note: '数据截至 12月7日' } }]]
			},
			{ type: PacketType.EVENT, nsp: '/', data: ['hello', { seq: 3 }] },
			{ type: PacketType.ACK, nsp: '/live', data: [{ seq: 42 }], id: 3 },
			{ type: PacketType.ACK, nsp: '/live', data: [], id: 120 },
			{ type: PacketType.CONNECT_ERROR, nsp: '/live', data: { message: 'not signed in' } },
			{ type: PacketType.DISCONNECT, nsp: '/live' }
		];
		for (const packet of sent) {
			const [text] = server.encode(packet);
			expect(decoded(text)).toEqual([reference(text)]);
		}
	});

	it('refuses what socket.io-parser refuses, so socket.io-client closes the connection', () => {
		for (const text of [
			'2/live,{"not":"an array"}',
			'2/live,["connect"]',
			'1/live,{"data":1}',
			'0/live,"a string"',
			'2/live,[not json',
			'9'
		]) {
			expect(reference(text)).toHaveProperty('error');
			expect(() => decoded(text)).toThrow();
		}
	});

	it('refuses binary packets and frames (the app sends none)', () => {
		const [header, ...buffers] = new socketIoParser.Encoder().encode({
			type: PacketType.EVENT,
			nsp: '/live',
			data: ['file', new Uint8Array([1, 2, 3])]
		});
		expect(header).toMatch(/^51-\/live,/);
		expect(() => decoded(header)).toThrow();
		expect(() => new Decoder().add(buffers[0])).toThrow();
	});

	it('stops telling a listener once it is removed', () => {
		const decoder = new Decoder();
		const heard: Packet[] = [];
		const listener = (p: Packet) => heard.push(p);
		decoder.on('decoded', listener);
		decoder.add('2/live,["events",[]]');
		decoder.off('decoded', listener);
		decoder.add('2/live,["events",[]]');
		expect(heard).toHaveLength(1);
	});
});
