// The typed event map of the /ingest namespace, shared by the app server and the ingest worker.
import type { IngestAck, IngestError, IngestRequest } from '../domain/records';

/** The server's answer to a batch: its ack, or an error (nothing of it stored; the sender retries). */
export type IngestAnswer = IngestAck | IngestError;

export interface IngestClientToServer {
	/**
	 * A batch, answered through the acknowledgement callback once committed. The server checks the
	 * body as untrusted input (parseEnvelope) and answers only a sender that passed a callback.
	 */
	batch: (request: IngestRequest, ack: (answer: IngestAnswer) => void) => void;
}

/** The server emits nothing of its own on /ingest: every answer is an acknowledgement. */
export type IngestServerToClient = Record<string, never>;

/** What the server knows of a connected sender, set at the handshake from its key. */
export interface IngestSocketData {
	/** The key's name (`env:N` for a key from INGEST_KEYS): the batches' source. */
	source: string;
	/** The key's id, or null for a key from INGEST_KEYS (which the admin page cannot revoke). */
	keyId: number | null;
}
