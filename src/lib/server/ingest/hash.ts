import { hash } from 'node:crypto';

/** SHA-256 over the canonical fields of a normalised record: same content, same hash. */
export function contentHash(fields: readonly unknown[]): string {
	// One-shot hash: the same digest as createHash().update().digest(), without a Hash object per record.
	return hash(
		'sha256',
		fields.map((f) => (f === undefined || f === null ? '' : String(f))).join('\u001f'),
		'base64url'
	);
}
