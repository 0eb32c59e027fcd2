/**
 * The worker's side of a bulk load (`--bulk`, for closed years): a file's payment batches are staged
 * on the server (`bulk:batch`, FileBatches) under the file's load id; once every one is acknowledged
 * the load is committed (`bulk:commit`): the server counts the whole file in one transaction, or
 * none of it. Only then is the file moved to `done/`. A worker stopped at any point resumes from the
 * file's outbox: staged batches are not sent again (or are answered from the server's record), and
 * a commit sent twice is answered with the first one's counts.
 */
import type { BulkCommitAnswer } from '../../src/lib/ingest/events';
import type { FileBatches } from './file-batches';
import type { JournalEntry } from './outbox';
import type { Sender } from './sender';

/** A file's bulk load id: from its outbox key (content and settings), so a restart finds the same load. */
export const loadIdOf = (key: string) => `bulk-${key}`;

/**
 * Commits the file's load and returns the journal entry that corrects the staging acks to what the
 * commit counted: stored, duplicates across batches and of earlier data, conflicts (quarantined)
 * by their file rows. Undefined when stopped before an answer.
 */
export async function commitLoad(
	batches: FileBatches,
	sender: Sender,
	options: { evaluate?: boolean; signal?: AbortSignal; log?: (line: string) => void }
): Promise<{ load: { id: string; parts: number }; entry: JournalEntry } | undefined> {
	const load = batches.load!;
	let answer: BulkCommitAnswer;
	try {
		const request = { load, parts: batches.stagedRows.size, evaluate: options.evaluate ?? true };
		answer = await sender.commitLoad(request, options.signal);
	} catch (err) {
		if (options.signal?.aborted) return undefined;
		throw err;
	}
	const rowOf = (batchId: string, index: number) =>
		batches.stagedRows.get(Number(batchId.slice(batchId.lastIndexOf('-') + 1)))?.[index] ?? -1;
	options.log?.(
		`load ${load} committed: ${answer.staged} staged in ${answer.batches} batches, stored ${answer.accepted}, duplicates ${answer.duplicates}, conflicts ${answer.conflicts.length}; years ${answer.years.join(', ') || '—'}${answer.evaluated.length > 0 ? `; rules judged ${answer.evaluated.join(', ')}` : ''}`
	);
	return {
		load: { id: load, parts: batches.stagedRows.size },
		entry: {
			n: 0,
			batchId: `bulk:${load}`,
			records: 0,
			// The staging acks counted every staged payment as accepted: the commit says how many were stored.
			accepted: answer.accepted - answer.staged,
			duplicates: answer.duplicates,
			rejected: answer.conflicts.map((c) => ({
				row: rowOf(c.batchId, c.index),
				id: c.id,
				reason: c.reason
			}))
		}
	};
}

/**
 * After a bulk run: when its last file had no payments (so its commit did not run the rules), the
 * last load committed is sent again with `evaluate`: the server answers it from its record and
 * judges the years loaded and not judged yet.
 */
export async function judgeAfterRun(
	sender: Sender,
	outcomes: { load?: { id: string; parts: number } }[],
	options: { signal?: AbortSignal }
): Promise<void> {
	if (outcomes.length === 0 || outcomes.at(-1)!.load) return;
	const load = outcomes.findLast((o) => o.load)?.load;
	if (load)
		await sender.commitLoad({ load: load.id, parts: load.parts, evaluate: true }, options.signal);
}
