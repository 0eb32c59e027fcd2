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

	it('decodes GB18030 across chunk boundaries and drops a UTF-8 BOM', async () => {
		expect(await decodeAll([GBK_ZHIFU.slice(0, 1), GBK_ZHIFU.slice(1)], 'gb18030')).toBe('支付');
		expect(
			await decodeAll([Uint8Array.from([0xef, 0xbb]), Uint8Array.from([0xbf, 0x61])], 'utf-8')
		).toBe('a');
	});
});
