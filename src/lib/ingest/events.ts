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
	/**
	 * A payment batch of a bulk load (the worker's `--bulk`): staged, not yet counted anywhere, and
	 * acknowledged as staged (`accepted` = staged). Re-sending its batchId returns the same ack.
	 */
	'bulk:batch': (request: BulkBatchRequest, ack: (answer: IngestAnswer) => void) => void;
	/**
	 * Commits a bulk load's staged batches in one transaction (payments, rollup, quarantine of id
	 * conflicts), then, with `evaluate`, runs the alert rules once over every year loaded in bulk
	 * and not yet judged. Re-sending it returns the stored answer and stores nothing twice.
	 */
	'bulk:commit': (
		request: BulkCommitRequest,
		ack: (answer: BulkCommitAnswer | BulkError) => void
	) => void;
}

/** A batch of a bulk load: an ingest request (payments) with its load and its place in the load. */
export interface BulkBatchRequest extends IngestRequest {
	load: string;
	part: number;
}

export interface BulkCommitRequest {
	load: string;
	/** How many batches the load has: the server commits only when it has staged every one. */
	parts: number;
	/** Run the alert rules over the years loaded in bulk and not yet judged (the last file of a run). */
	evaluate: boolean;
}

/** What committing a load did, over all its staged batches. */
export interface BulkCommitAnswer {
	load: string;
	batches: number;
	/** Payments staged (valid and not repeated within their batch). */
	staged: number;
	/** Payments stored by the commit. */
	accepted: number;
	/** Staged payments whose id was already stored with the same content (or earlier in the load). */
	duplicates: number;
	/** Staged payments whose id was already stored with other content: quarantined, the first stays. */
	conflicts: { batchId: string; index: number; id: string; reason: string }[];
	/** Fiscal years the load stored payments in. */
	years: number[];
	/** Years the alert rules judged after this commit (with `evaluate`). */
	evaluated: number[];
}

/** Nothing of the commit was stored (the load is incomplete, or the database is away); retry. */
export interface BulkError {
	load: string;
	error: string;
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
