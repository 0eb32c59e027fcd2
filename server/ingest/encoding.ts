/**
 * Text encodings of dropped files: UTF-8 (with or without BOM) when every byte sequence is valid
 * UTF-8, else GB18030 (a superset of GBK, what Excel writes for CSV on Chinese Windows).
 */
import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'gb18030';

const BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(head: Uint8Array): boolean {
	return head.length >= 3 && BOM.every((b, i) => head[i] === b);
}

/**
 * Feeds a whole file chunk by chunk and says whether it is valid UTF-8 (sequences may span chunks).
 * Validates the bytes without decoding them (`buffer.isUtf8`, native): decoding a file to text only
 * to learn its encoding cost as much as the decode the rows need afterwards.
 */
export class Utf8Probe {
	/** The bytes of a sequence the last chunk ended in the middle of. */
	private carry: Uint8Array = new Uint8Array(0);
	valid = true;

	push(chunk: Uint8Array): void {
		if (!this.valid) return;
		const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
		const cut = incompleteTail(bytes);
		this.valid = isUtf8(bytes.subarray(0, bytes.length - cut));
		this.carry = Uint8Array.from(bytes.subarray(bytes.length - cut));
	}

	end(): TextEncoding {
		if (this.carry.length > 0) this.valid = false;
		return this.valid ? 'utf-8' : 'gb18030';
	}
}

/** How many bytes at the end begin a multi-byte sequence that the bytes do not complete. */
function incompleteTail(bytes: Uint8Array): number {
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const b = bytes[bytes.length - back];
		if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
		const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return length > back ? back : 0;
	}
	return 0;
}

/** The encoding of a complete byte sequence (for small inputs and tests). */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
	const probe = new Utf8Probe();
	probe.push(bytes);
	return probe.end();
}

/** Decodes chunks of a file in an encoding into text, dropping a leading BOM. */
export async function* decodeChunks(
	chunks: AsyncIterable<Uint8Array>,
	encoding: TextEncoding
): AsyncGenerator<string> {
	// TextDecoder strips a leading UTF-8 BOM by default; GB18030 has none.
	const decoder = new TextDecoder(encoding);
	for await (const chunk of chunks) {
		const text = decoder.decode(chunk, { stream: true });
		if (text) yield text;
	}
	const rest = decoder.decode();
	if (rest) yield rest;
}
