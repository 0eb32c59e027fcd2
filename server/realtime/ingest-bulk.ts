/**
 * Bulk loads on the /ingest namespace (the worker's `--bulk`): `bulk:batch` stages a batch of
 * payments, `bulk:commit` counts a whole load in one transaction (src/lib/server/ingest/bulk-*.ts).
 * Same keys, limits and answers as `batch`: an ack, or `{ error }` when nothing was stored.
 */
import type { Database } from '../../db/client';
import { batchBytesError, MAX_BATCH_BYTES } from '../../src/lib/domain/records';
import { bulkFaults, commitBulkLoad } from '../../src/lib/server/ingest/bulk-commit';
import { stageBulkBatch } from '../../src/lib/server/ingest/bulk-stage';
import type { BulkCommitAnswer, BulkError, IngestAnswer } from '../../src/lib/ingest/events';
import type { Config, LiveHub } from '../../src/lib/server/runtime';
import type { IngestNamespace } from './ingest';

type IngestSocket = Parameters<Parameters<IngestNamespace['on']>[1]>[0];

/** Adds the bulk events to an accepted sender's socket; `messageBytes` is the current message's size. */
export function serveBulk(
	socket: IngestSocket,
	database: Database,
	config: Config,
	live: LiveHub,
	messageBytes: () => number
): void {
	// The bodies are whatever the sender sent, checked by the bulk modules; a sender may omit the callback.
	socket.on('bulk:batch', async (body: unknown, reply?: (answer: IngestAnswer) => void) => {
		const bytes = messageBytes();
		if (bytes > MAX_BATCH_BYTES) {
			if (typeof reply === 'function') reply({ batchId: '', error: batchBytesError(bytes) });
			return;
		}
		if (bulkFaults.beforeStage && !(await bulkFaults.beforeStage())) return;
		const outcome = await stageBulkBatch(database, body, {
			source: socket.data.source,
			tz: config.fiscalTz
		});
		if (typeof reply === 'function') reply(outcome.ok ? outcome.ack : outcome.error);
	});
	socket.on(
		'bulk:commit',
		async (body: unknown, reply?: (answer: BulkCommitAnswer | BulkError) => void) => {
			const outcome = await commitBulkLoad(database, body, {
				source: socket.data.source,
				tz: config.fiscalTz,
				live,
				alerts: config.alertsOnIngest
			});
			if (typeof reply === 'function') reply(outcome.ok ? outcome.answer : outcome.error);
		}
	);
}
