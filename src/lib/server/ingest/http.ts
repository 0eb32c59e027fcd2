// POST /api/ingest: the same contract as the socket, for other systems and curl.
import { batchBytesError, MAX_BATCH_BYTES } from '../../domain/records';
import { authenticateIngestKey } from '../auth/ingest-keys';
import { runtime } from '../runtime';
import { ingest } from './index';

/** The same limit as a socket message. */
export const MAX_BODY_BYTES = MAX_BATCH_BYTES;

/**
 * Where the production server (server/http-guard.ts) puts the content type a sender declared, so
 * that SvelteKit's form check does not refuse a text/plain batch before this endpoint answers it.
 */
export const DECLARED_TYPE_HEADER = 'x-qiandai-declared-content-type';

/** JSON, as the contract says: application/json or a +json type, any parameters. */
function isJson(type: string | null): boolean {
	const essence = (type ?? '').split(';')[0].trim().toLowerCase();
	return essence === 'application/json' || /^application\/[\w.+-]+\+json$/.test(essence);
}

export async function handle(request: Request): Promise<{ status: number; body: unknown }> {
	const { database, config, live } = runtime();
	const auth = request.headers.get('authorization') ?? '';
	const key = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
	const source = await authenticateIngestKey(database.db, key, config.ingestKeys);
	if (!source)
		return {
			status: 401,
			body: { error: 'unauthorized: send Authorization: Bearer <ingest key>' }
		};

	const type = request.headers.get(DECLARED_TYPE_HEADER) ?? request.headers.get('content-type');
	if (!isJson(type))
		return {
			status: 400,
			body: {
				batchId: '',
				error: `content-type: send the batch as application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`
			}
		};
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > MAX_BODY_BYTES) return tooLarge(declared);
	const text = await readLimited(request, MAX_BODY_BYTES);
	if (typeof text === 'number') return tooLarge(text);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (err) {
		return {
			status: 400,
			body: { batchId: '', error: `body is not valid JSON: ${(err as Error).message}` }
		};
	}
	const outcome = await ingest(database, body, {
		source,
		tz: config.fiscalTz,
		live,
		alerts: config.alertsOnIngest
	});
	return outcome.ok
		? { status: 200, body: outcome.ack }
		: { status: outcome.status, body: outcome.error };
}

/** The batch id is unknown: the body was not read to the end. */
function tooLarge(bytes: number) {
	return { status: 413, body: { batchId: '', error: batchBytesError(bytes) } };
}

/**
 * Reads the body as text, or returns its size once it passes `limit` bytes. The rest is read and
 * dropped rather than the stream cancelled: cancelling destroys the connection, and the sender
 * would see a reset instead of the 413. The server's BODY_SIZE_LIMIT (slightly above the batch
 * limit) ends a body that goes on; past twice the limit the connection is given up regardless.
 */
async function readLimited(request: Request, limit: number): Promise<string | number> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size <= limit) chunks.push(value);
			else if (size > 2 * limit) {
				await reader.cancel();
				break;
			}
		}
	} catch {
		return Math.max(size, limit + 1); // the server's body limit ended it: too large
	}
	return size > limit ? size : Buffer.concat(chunks).toString('utf8');
}
