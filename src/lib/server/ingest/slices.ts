import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How many records a batch's validation or preparation handles before it lets the event loop turn.
 * A 10,000-record batch is ~0.3 s of CPU; done in one piece it held the writer's COPY and query
 * results (and every live socket) for that long while batches arrived during a file load. A slice
 * is ~25 ms (docs/performance.md, ninth session).
 */
export const SLICE_RECORDS = 1_000;

/** Calls `each(i)` for every i in [0, count), letting the event loop turn after every SLICE_RECORDS calls. */
export async function forEachInSlices(count: number, each: (index: number) => void): Promise<void> {
	for (let start = 0; start < count; start += SLICE_RECORDS) {
		if (start > 0) await nextTurn();
		const end = Math.min(count, start + SLICE_RECORDS);
		for (let i = start; i < end; i++) each(i);
	}
}
