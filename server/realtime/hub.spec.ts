import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../src/lib/live/events';
import { CoalescingHub } from './hub';
import type { IngestNamespace } from './ingest';
import type { LiveNamespace } from './live';
import type { LiveViews } from './views';

/** What the hub handed on: each flush's events to the views, each events frame to a room, with the time. */
function harness() {
	const flushes: { at: number; seqs: number[] }[] = [];
	const frames: { at: number; room: string; seqs: number[] }[] = [];
	const room = (name: string) => ({
		except: () => room(name),
		emit: (_name: string, events: LiveEvent[]) =>
			frames.push({ at: Date.now(), room: name, seqs: events.map((e) => e.seq) })
	});
	const ns = {
		on: () => undefined,
		local: { to: room },
		adapter: { rooms: new Map() },
		sockets: new Map()
	} as unknown as LiveNamespace;
	const views = {
		onFlush: (events: LiveEvent[]) => {
			flushes.push({ at: Date.now(), seqs: events.map((e) => e.seq) });
			return { ready: Promise.resolve(), take: () => new Map() };
		}
	} as unknown as LiveViews;
	const hub = new CoalescingHub(ns, {} as IngestNamespace, views);
	return { hub, flushes, frames };
}

const event = (seq: number): LiveEvent => ({
	seq,
	topic: 'feed',
	audience: 'all',
	payload: {} as LiveEvent['payload'],
	at: new Date().toISOString()
});

describe('the live hub coalesces events', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-12-07T02:00:00Z'));
	});
	afterEach(() => vi.useRealTimers());

	it('sends a lone change at once, not after the window, with its batch in one frame', async () => {
		const { hub, flushes, frames } = harness();
		const start = Date.now();
		hub.publish([event(2), event(1)]);
		await vi.advanceTimersByTimeAsync(1);
		expect(flushes).toEqual([{ at: start, seqs: [1, 2] }]);
		expect(frames.find((f) => f.room === 'role:member')).toEqual({
			at: start,
			room: 'role:member',
			seqs: [1, 2]
		});
		// A change after a quiet window is sent at once again.
		await vi.advanceTimersByTimeAsync(500);
		hub.publish([event(3)]);
		await vi.advanceTimersByTimeAsync(1);
		expect(flushes.map((f) => f.seqs)).toEqual([[1, 2], [3]]);
		expect(flushes[1].at).toBe(start + 501);
		hub.stop();
	});

	it('sends a burst within the window as at most two flushes, the rest at its end', async () => {
		const { hub, flushes } = harness();
		const start = Date.now();
		for (let seq = 1; seq <= 10; seq++) {
			hub.publish([event(seq)]);
			await vi.advanceTimersByTimeAsync(15);
		}
		await vi.advanceTimersByTimeAsync(400);
		expect(flushes).toEqual([
			{ at: start, seqs: [1] },
			{ at: start + 200, seqs: [2, 3, 4, 5, 6, 7, 8, 9, 10] }
		]);
		hub.stop();
	});

	it('flushes a steady stream at most once a window, every event once and in order', async () => {
		const { hub, flushes, frames } = harness();
		for (let seq = 1; seq <= 30; seq++) {
			hub.publish([event(seq)]);
			await vi.advanceTimersByTimeAsync(100);
		}
		await vi.advanceTimersByTimeAsync(400);
		const gaps = flushes.slice(1).map((f, i) => f.at - flushes[i].at);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
		expect(flushes.length).toBeLessThanOrEqual(16);
		const seqs = (room: string) => frames.filter((f) => f.room === room).flatMap((f) => f.seqs);
		const all = Array.from({ length: 30 }, (_, i) => i + 1);
		expect(flushes.flatMap((f) => f.seqs)).toEqual(all);
		expect(seqs('role:member')).toEqual(all);
		expect(seqs('wall:feed')).toEqual(all);
		hub.stop();
	});
});
