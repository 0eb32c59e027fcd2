/**
 * What the server writes to its log about a failure, without what must never be in a log: a
 * failed query's parameters (a password hash, a token's hash, a name), argon2 hashes, ingest keys
 * and hex digests. server/index.ts also passes every console line through `redact`.
 *
 * Usage: console.error(`[qiandai] cannot start: ${describeError(err)}`);
 */

/** The message of an error and of its causes, a failed query's parameters left out. */
export function describeError(err: unknown): string {
	const parts: string[] = [];
	let e: unknown = err;
	for (let depth = 0; e && depth < 4; depth++) {
		const message = e instanceof Error ? e.message : String(e);
		// drizzle: "Failed query: <sql>\nparams: <values>" — the values may be secrets.
		parts.push(message.split(/\nparams:/)[0]);
		e = e instanceof Error ? e.cause : undefined;
	}
	return redact(parts.join(': '));
}

const PATTERNS: [RegExp, string][] = [
	[/\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=\d+,t=\d+,p=\d+(?:\$[A-Za-z0-9+/=]*){0,2}/g, '[argon2 hash]'],
	[/\bqdk_[A-Za-z0-9_-]{16,}/g, '[ingest key]'],
	[/\b[0-9a-f]{64}\b/gi, '[digest]'],
	[/(\bparams:)[^\n]*/g, '$1 [left out]']
];

/** The text with secrets of known shapes, and the given secrets, replaced. */
export function redact(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	for (const s of secrets) if (s.length >= 6) out = out.replaceAll(s, '[secret]');
	return out;
}
