/**
 * Bulk input through COPY: the quickest way to hand PostgreSQL many rows (a 30,000-payment group
 * arrives in a quarter of the time one JSON parameter takes to send and parse; docs/performance.md,
 * sixth session). Works on both drivers: postgres.js streams `COPY … FROM STDIN`, PGlite reads
 * `COPY … FROM '/dev/blob'` from a Blob. postgres.js 3.4.9 needs two fixes for this, applied at
 * install by patch-package (patches/): a refused COPY settles instead of hanging its transaction
 * for ever (porsager/postgres#1173), and TCP_NODELAY, without which a small COPY waits ~40 ms.
 */
import type { Executor } from './client';

/** One row in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: readonly (string | null | undefined)[]): string {
	// An array joined once is ~2.5× quicker than concatenating the fields one by one (measured).
	const fields = new Array<string>(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		fields[i] =
			v === null || v === undefined
				? '\\N'
				: ESCAPE.test(v)
					? v.replace(ESCAPE_ALL, escapeChar)
					: v;
	}
	return `${fields.join('\t')}\n`;
}

const ESCAPE = /[\\\t\n\r]/;
const ESCAPE_ALL = /[\\\t\n\r]/g;
const escapeChar = (c: string) =>
	c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';

/**
 * COPYs `text` (lines from copyLine) into `table (columns)`. Call it inside a transaction: with
 * postgres.js the transaction is one connection, so a temporary table created in it is the one
 * filled. Uses the drizzle session's driver client (`session.client`), which drizzle does not
 * type: PGlite's has `query(…, { blob })`, postgres.js's is a tagged-template function with
 * `unsafe(…).writable()`.
 */
export async function copyInto(
	tx: Executor,
	table: string,
	columns: readonly string[],
	text: string
): Promise<void> {
	if (text === '') return;
	const target = `${table} (${columns.join(', ')})`;
	const client = (tx as unknown as { session: { client: DriverClient } }).session.client;
	if (typeof client === 'function') {
		const stream = await client.unsafe(`copy ${target} from stdin`).writable();
		await new Promise<void>((resolve, reject) => {
			stream.on('error', reject);
			stream.on('finish', resolve);
			stream.end(text);
		});
		return;
	}
	await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
}

type DriverClient =
	| (((...args: unknown[]) => unknown) & {
			unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> };
	  })
	| { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };
