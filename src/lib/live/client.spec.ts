import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './events';

/** The /live socket as the server drives it: handlers by event name, fired by the test. */
const socket = vi.hoisted(() => {
	const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
	return {
		handlers,
		connected: true,
		on(name: string, handler: (...args: unknown[]) => void) {
			handlers.set(name, [...(handlers.get(name) ?? []), handler]);
			return this;
		},
		emit() {
			return this;
		},
		close() {},
		fire(name: string, ...args: unknown[]) {
			for (const h of handlers.get(name) ?? []) h(...args);
		}
	};
});
vi.mock('socket.io-client', () => ({ io: () => socket }));

const { LiveConnection } = await import('./client.svelte');

const execution = (seq: number): LiveEvent => ({
	seq,
	topic: 'execution',
	audience: 'all',
	payload: { changes: [] },
	at: new Date().toISOString()
});

describe('a page catching up after its socket came back', () => {
	beforeEach(() => socket.handlers.clear());

	/** A connected page that holds everything up to seq 10, whose socket then comes back at `seq`. */
	function reconnectedAt(seq: number) {
		const live = new LiveConnection();
		const reloads: number[] = [];
		live.subscribe(() => reloads.push(live.seq));
		live.onResync(() => reloads.push(live.seq));
		live.connect();
		live.caughtUp(10);
		socket.fire('connect');
		socket.fire('hello', { seq: 10, role: 'member' });
		expect(live.status).toBe('connected');
		socket.fire('disconnect', 'transport close');
		socket.fire('connect');
		socket.fire('hello', { seq, role: 'member' });
		return { live, reloads };
	}

	it('says it is resyncing until its data covers what the server had when it came back', () => {
		const { live, reloads } = reconnectedAt(14);
		expect(live.status).toBe('resyncing');
		expect(reloads).toHaveLength(1);
		live.caughtUp(13);
		expect(live.status).toBe('resyncing');
		live.caughtUp(14);
		expect(live.status).toBe('connected');
	});

	it('is done resyncing though newer payments keep arriving before each reload lands', () => {
		const { live, reloads } = reconnectedAt(14);
		// The reload read the database at seq 15; seq 16 and 17 arrived before its answer did, and
		// each of them asks for another reload as on any connected page.
		socket.fire('events', [execution(15)]);
		socket.fire('events', [execution(16), execution(17)]);
		live.caughtUp(15);
		expect(live.status).toBe('connected');
		expect(live.seq).toBe(17);
		expect(reloads).toHaveLength(3);
		live.caughtUp(17);
		expect(live.seq).toBe(17);
		expect(live.status).toBe('connected');
	});

	it('still catches up when a flush reaches the socket before the server’s hello', () => {
		const live = new LiveConnection();
		const reloads: string[] = [];
		live.subscribe((events) => reloads.push(`events ${events.map((e) => e.seq).join(',')}`));
		live.onResync(() => reloads.push('resync'));
		live.connect();
		live.caughtUp(10);
		socket.fire('connect');
		socket.fire('hello', { seq: 10, role: 'member' });
		socket.fire('disconnect', 'transport close');
		// Away, the tab missed seq 11; back, seq 12's flush comes before the hello that says 12.
		socket.fire('connect');
		socket.fire('events', [execution(12)]);
		expect(reloads).toEqual([]);
		socket.fire('hello', { seq: 12, role: 'member' });
		expect(live.status).toBe('resyncing');
		expect(reloads).toEqual(['resync', 'events 12']);
		live.caughtUp(12);
		expect(live.status).toBe('connected');
	});

	it('stays current when nothing was missed', () => {
		const { live, reloads } = reconnectedAt(10);
		expect(live.status).toBe('connected');
		expect(reloads).toHaveLength(0);
	});
});

describe('a page that shows a pushed live view beside figures that follow events', () => {
	beforeEach(() => socket.handlers.clear());

	it('still hears a flush’s events after the view’s push for the same flush arrived first', () => {
		const live = new LiveConnection();
		const heard: number[] = [];
		live.subscribe((events) => heard.push(...events.map((e) => e.seq)));
		live.connect();
		live.caughtUp(10);
		socket.fire('connect');
		socket.fire('hello', { seq: 10, role: 'member' });
		// The view's push of seq 11 (its figures), then the flush's events (the freshness line's).
		live.caughtUp(11, 'view');
		socket.fire('events', [execution(11)]);
		expect(heard).toEqual([11]);
		expect(live.seq).toBe(11);
		// What a page's load included is not news.
		live.caughtUp(13);
		socket.fire('events', [execution(12), execution(13)]);
		expect(heard).toEqual([11]);
	});
});

describe('a flush that brings a watched view’s push and its events in one frame', () => {
	beforeEach(() => socket.handlers.clear());

	it('applies the push before the listeners hear the events, once', async () => {
		const { ViewClient } = await import('./view-client');
		const live = new LiveConnection();
		live.connect();
		socket.fire('connect');
		socket.fire('hello', { seq: 10, role: 'member' });
		const views = live.views(() => new ViewClient());
		const key = { view: 'overview', year: 2026, budgetKind: 'general' } as const;
		const shown: string[] = [];
		// The watch's answer: the state of revision 1.
		const emit = socket.emit;
		socket.emit = (...args: unknown[]) => {
			const answer = { key: 'overview:2026:general', seq: 10, rev: 1, data: { executed: '5.00' } };
			if (args[0] === 'watch') (args[2] as (r: unknown) => void)({ ok: true, view: answer });
			return socket;
		};
		views.watch<{ executed: string }>(key, (v) => shown.push(v.data.executed));
		socket.emit = emit;
		const seenByListener: (string | undefined)[] = [];
		live.subscribe(() =>
			seenByListener.push(views.latest<{ executed: string }>(key)?.data.executed)
		);
		const push = {
			key: 'overview:2026:general',
			seq: 11,
			rev: 2,
			base: 1,
			diff: [[['executed'], '7.50']]
		};
		socket.fire('events', [execution(11)], [push]);
		expect(seenByListener).toEqual(['7.50']);
		expect(shown).toEqual(['5.00', '7.50']);
		expect(views.resyncs).toBe(0);
	});
});
