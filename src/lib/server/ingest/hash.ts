import { createHash } from 'node:crypto';

/** SHA-256 over the canonical fields of a normalised record: same content, same hash. */
export function contentHash(fields: readonly unknown[]): string {
	return createHash('sha256')
		.update(fields.map((f) => (f === undefined || f === null ? '' : String(f))).join('\u001f'))
		.digest('base64url');
}
