import { describe, expect, it } from 'vitest';
import { limitedParser, SMALL_MESSAGE_BYTES, SMALL_RATE } from './limits';

const decoder = () => new limitedParser.Decoder();
const event = (nsp: string, payload: string) =>
	`2${nsp === '/' ? '' : `${nsp},`}${JSON.stringify(['x', payload])}`;

describe('what a socket connection may send', () => {
	it('is small on every namespace until an /ingest sender is accepted', () => {
		const big = 'a'.repeat(SMALL_MESSAGE_BYTES);
		for (const nsp of ['/', '/live', '/ingest'])
			expect(() => decoder().add(event(nsp, big)), nsp).toThrow(/too large/);
		expect(() => decoder().add(event('/live', 'ping'))).not.toThrow();
		// Chinese text counts in bytes, not characters.
		expect(() => decoder().add(event('/live', '钱'.repeat(SMALL_MESSAGE_BYTES / 3 + 10)))).toThrow(
			/too large/
		);
	});

	it('takes batch-sized messages only on /ingest of an accepted sender', () => {
		const d = decoder();
		d.allowBatches();
		const batch = 'a'.repeat(4 * 1024 * 1024);
		expect(() => d.add(event('/ingest', batch))).not.toThrow();
		expect(() => d.add(event('/live', batch))).toThrow(/too large/);
		expect(() => d.add(`51-/live,["x",{"_placeholder":true,"num":0}]`)).not.toThrow();
		expect(() => d.add(Buffer.alloc(SMALL_MESSAGE_BYTES + 1))).toThrow(/too large/);
	});

	it('refuses a flood of messages on one connection', () => {
		const d = decoder();
		expect(() => {
			for (let i = 0; i <= SMALL_RATE.burst; i++) d.add(event('/live', 'ping'));
		}).toThrow(/too many messages/);
	});
});
