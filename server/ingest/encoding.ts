/**
 * Text encodings of dropped files: UTF-8 (with or without BOM) when every byte sequence is valid
 * UTF-8, else GB18030 (a superset of GBK, what Excel writes for CSV on Chinese Windows).
 */
export type TextEncoding = 'utf-8' | 'gb18030';

const BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(head: Uint8Array): boolean {
	return head.length >= 3 && BOM.every((b, i) => head[i] === b);
}

/** Feeds a whole file chunk by chunk and says whether it is valid UTF-8 (sequences may span chunks). */
export class Utf8Probe {
	private readonly decoder = new TextDecoder('utf-8', { fatal: true });
	valid = true;

	push(chunk: Uint8Array): void {
		if (!this.valid) return;
		try {
			this.decoder.decode(chunk, { stream: true });
		} catch {
			this.valid = false;
		}
	}

	end(): TextEncoding {
		if (this.valid) {
			try {
				this.decoder.decode();
			} catch {
				this.valid = false;
			}
		}
		return this.valid ? 'utf-8' : 'gb18030';
	}
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
