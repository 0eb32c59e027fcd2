// POST /api/ingest: the same contract as the socket, for other systems and curl.
import { batchBytesError, MAX_BATCH_BYTES } from '../../domain/records';
import { authenticateIngestKey } from '../auth/ingest-keys';
import { runtime } from '../runtime';
import { ingest } from './index';

/** The same limit as a socket message. */
export const MAX_BODY_BYTES = MAX_BATCH_BYTES;

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

/** Reads the body as text, giving up (returning the bytes read so far) once it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<string | number> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return size;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}
