import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../live/events';
import { OFFLINE_GRACE_MS, severeArrivals, staleness } from './unattended';

const now = new Date('2026-03-02T04:00:00Z');
const fresh = { lastReceivedAt: '2026-03-02T03:59:00Z', lastRecordAt: '2026-03-02T03:58:00Z' };

describe('a wall’s staleness', () => {
	it('is stale once the connection has been down longer than the grace', () => {
		const base = { source: 'payment', feed: fresh, now };
		expect(staleness({ ...base, offlineSince: null })).toBeNull();
		expect(
			staleness({ ...base, offlineSince: new Date(now.getTime() - OFFLINE_GRACE_MS + 1) })
		).toBeNull();
		const since = new Date(now.getTime() - OFFLINE_GRACE_MS);
		expect(staleness({ ...base, offlineSince: since })).toEqual({ kind: 'offline', since });
	});

	it('is stale when its feed has stopped past the source’s threshold, never for a source without one', () => {
		const old = { lastReceivedAt: '2026-03-01T20:00:00Z', lastRecordAt: '2026-03-01T19:00:00Z' };
		expect(staleness({ offlineSince: null, source: 'payment', feed: old, now })).toEqual({
			kind: 'feed',
			lastRecordAt: old.lastRecordAt
		});
		expect(staleness({ offlineSince: null, source: 'asset', feed: old, now })).toBeNull();
	});
});

describe('severe arrivals', () => {
	const event = (changes: object[], topic = 'alerts'): LiveEvent =>
		({ seq: 1, topic, audience: 'all', at: '', payload: { changes, counts: {} } }) as LiveEvent;

	it('are alerts opened severe or escalated to severe, still active', () => {
		expect(
			severeArrivals([
				event([
					{ id: 1, level: 'severe', status: 'open', change: 'opened' },
					{ id: 2, level: 'warning', status: 'open', change: 'opened' },
					{ id: 3, level: 'severe', status: 'open', change: 'escalated' },
					{ id: 4, level: 'severe', status: 'resolved', change: 'status' },
					{ id: 5, level: 'severe', status: 'cleared', change: 'cleared' }
				]),
				event([], 'execution')
			])
		).toEqual([1, 3]);
	});
});
