/**
 * The /ingest namespace, transport A of the ingest contract: workers connect with an ingest key and
 * send batches, each answered through its acknowledgement once committed (or refused).
 */
import { describeError } from '../../src/lib/server/log';
import type { Namespace } from 'socket.io';
import type { Database } from '../../db/client';
import { batchBytesError, MAX_BATCH_BYTES } from '../../src/lib/domain/records';
import type {
	IngestAnswer,
	IngestClientToServer,
	IngestServerToClient,
	IngestSocketData
} from '../../src/lib/ingest/events';
import { identifyIngestKey } from '../../src/lib/server/auth/ingest-keys';
import { ingest } from '../../src/lib/server/ingest/index';
import type { Config, LiveHub } from '../../src/lib/server/runtime';
import { serveBulk } from './ingest-bulk';
import { allowBatches, MAX_MESSAGE_BYTES } from './limits';
import { ingestKeyRoom } from './rooms';

export type IngestNamespace = Namespace<
	IngestClientToServer,
	IngestServerToClient,
	Record<string, never>,
	IngestSocketData
>;

/** Authenticates senders by key and ingests their batches, publishing what they change to `live`. */
export function serveIngest(
	ingestNs: IngestNamespace,
	database: Database,
	config: Config,
	live: LiveHub
): void {
	ingestNs.use(async (socket, next) => {
		try {
			const key = await identifyIngestKey(
				database.db,
				socket.handshake.auth?.key,
				config.ingestKeys
			);
			if (!key) return next(new Error('unauthorized'));
			socket.data.source = key.source;
			socket.data.keyId = key.id;
			next();
		} catch (err) {
			next(new Error(`unavailable: ${describeError(err)}`));
		}
	});
	ingestNs.on('connection', (socket) => {
		allowBatches(socket, MAX_MESSAGE_BYTES);
		if (socket.data.keyId !== null) socket.join(ingestKeyRoom(socket.data.keyId));
		// The size of each message as it arrived, noted before Socket.IO decodes it and calls the
		// handler (synchronously, in the same tick), so the handler knows its own message's size.
		let messageBytes = 0;
		socket.conn.prependListener('data', (data: string | Buffer) => {
			messageBytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
		});
		// The body is whatever the sender sent, checked by ingest(); a sender may omit the callback.
		socket.on('batch', async (body: unknown, ack?: (answer: IngestAnswer) => void) => {
			const bytes = messageBytes;
			if (bytes > MAX_BATCH_BYTES) {
				if (typeof ack === 'function')
					ack({ batchId: batchIdOf(body).slice(0, 200), error: batchBytesError(bytes) });
				return;
			}
			const outcome = await ingest(database, body, {
				source: socket.data.source,
				tz: config.fiscalTz,
				live,
				alerts: config.alertsOnIngest
			});
			if (typeof ack === 'function') ack(outcome.ok ? outcome.ack : outcome.error);
		});
		serveBulk(socket, database, config, live, () => messageBytes);
	});
}

/** The batch id of a body refused unread, when it names one. */
function batchIdOf(body: unknown): string {
	if (body && typeof body === 'object' && 'batchId' in body && typeof body.batchId === 'string')
		return body.batchId;
	return '';
}
