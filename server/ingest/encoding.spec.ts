import { describe, expect, it } from 'vitest';
import { decodeChunks, detectEncoding, hasUtf8Bom, Utf8Probe } from './encoding';

const GBK_ZHIFU = Uint8Array.from([0xd6, 0xa7, 0xb8, 0xb6]); // 支付 in GBK

async function decodeAll(chunks: Uint8Array[], enc: 'utf-8' | 'gb18030') {
	let out = '';
	for await (const t of decodeChunks(
		(async function* () {
			yield* chunks;
		})(),
		enc
	))
		out += t;
	return out;
}

describe('encoding detection', () => {
	it('takes valid UTF-8 as UTF-8, with or without BOM', () => {
		expect(detectEncoding(new TextEncoder().encode('支付金额,1'))).toBe('utf-8');
		const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('支付')]);
		expect(hasUtf8Bom(withBom)).toBe(true);
		expect(detectEncoding(withBom)).toBe('utf-8');
	});

	it('takes anything else as GB18030', () => {
		expect(detectEncoding(GBK_ZHIFU)).toBe('gb18030');
	});

	it('sees a UTF-8 sequence split across chunks as valid, and bad bytes late in the file', () => {
		const bytes = new TextEncoder().encode('a支付');
		const probe = new Utf8Probe();
		probe.push(bytes.slice(0, 3));
		probe.push(bytes.slice(3));
		expect(probe.end()).toBe('utf-8');
		const late = new Utf8Probe();
		late.push(new TextEncoder().encode('id,amount\n'.repeat(1000)));
		late.push(GBK_ZHIFU);
		expect(late.end()).toBe('gb18030');
		const truncated = new Utf8Probe();
		truncated.push(bytes.slice(0, 3));
		expect(truncated.end()).toBe('gb18030');
	});

	it('agrees with a strict UTF-8 decoder on any bytes cut into chunks anywhere', () => {
		// Whole characters (1 to 4 bytes) with, now and then, a stray lead, continuation or invalid
		// byte; each byte string cut at random points into chunks.
		const characters = [...'支付,1.\n用途😀a'].map((c) => [...new TextEncoder().encode(c)]);
		const strays = [0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff, ...GBK_ZHIFU];
		let seed = 7; // mulberry32: the same draws every run
		const random = (n: number) => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) % n;
		};
		const byteString = () =>
			Uint8Array.from(
				Array.from({ length: 1 + random(6) }, () =>
					random(8) === 0 ? [strays[random(strays.length)]] : characters[random(characters.length)]
				).flat()
			);
		let invalid = 0;
		for (let round = 0; round < 3000; round++) {
			const bytes = byteString();
			let strict = true;
			try {
				new TextDecoder('utf-8', { fatal: true }).decode(bytes);
			} catch {
				strict = false;
			}
			if (!strict) invalid++;
			const probe = new Utf8Probe();
			let at = 0;
			while (at < bytes.length) {
				const next = Math.min(bytes.length, at + 1 + random(4));
				probe.push(bytes.subarray(at, next));
				at = next;
			}
			expect(probe.end(), `bytes ${[...bytes].map((b) => b.toString(16))}`).toBe(
				strict ? 'utf-8' : 'gb18030'
			);
		}
		expect(invalid).toBeGreaterThan(300);
		expect(invalid).toBeLessThan(2700);
	});

	it('decodes GB18030 across chunk boundaries and drops a UTF-8 BOM', async () => {
		expect(await decodeAll([GBK_ZHIFU.slice(0, 1), GBK_ZHIFU.slice(1)], 'gb18030')).toBe('支付');
		expect(
			await decodeAll([Uint8Array.from([0xef, 0xbb]), Uint8Array.from([0xbf, 0x61])], 'utf-8')
		).toBe('a');
	});
});
