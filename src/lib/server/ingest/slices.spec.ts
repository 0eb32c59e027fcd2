import { setImmediate as immediate } from 'node:timers';
import { describe, expect, it } from 'vitest';
import { forEachInSlices, SLICE_RECORDS } from './slices';

describe('forEachInSlices', () => {
	it('visits every index once, in order', async () => {
		const seen: number[] = [];
		await forEachInSlices(2 * SLICE_RECORDS + 7, (i) => seen.push(i));
		expect(seen).toEqual(Array.from({ length: 2 * SLICE_RECORDS + 7 }, (_, i) => i));
	});

	it('lets the event loop turn between slices, not within one', async () => {
		// Work queued behind the loop (an I/O callback, say) runs after the first slice, not after the last.
		let turned = false;
		immediate(() => (turned = true));
		const turnedAt: boolean[] = [];
		await forEachInSlices(3 * SLICE_RECORDS, () => turnedAt.push(turned));
		expect(turnedAt.slice(0, SLICE_RECORDS).every((t) => !t)).toBe(true);
		expect(turnedAt.slice(SLICE_RECORDS).every((t) => t)).toBe(true);
	});

	it('finishes a small batch without yielding', async () => {
		let turned = false;
		immediate(() => (turned = true));
		let count = 0;
		await forEachInSlices(SLICE_RECORDS, () => count++);
		expect(count).toBe(SLICE_RECORDS);
		expect(turned).toBe(false);
	});
});
