import { describe, expect, it } from 'vitest';
import { freshnessNews, freshnessState, isStale, withFeedChange } from './feed';

describe('feed freshness', () => {
	const now = new Date('2026-11-28T10:00:00Z');

	it('calls the payment feed stale after four silent hours, not before', () => {
		expect(isStale('payment', '2026-11-28T06:30:00Z', now)).toBe(false);
		expect(isStale('payment', '2026-11-28T05:59:00Z', now)).toBe(true);
	});

	it('never calls plans stale: they arrive a few times a year', () => {
		expect(isStale('plan', '2025-01-01T00:00:00Z', now)).toBe(false);
	});

	it('says nothing of a source that never delivered', () => {
		expect(isStale('payment', null, now)).toBe(false);
	});

	it('keeps the later instants when a live change arrives after (or before) the page load', () => {
		const loaded = {
			lastReceivedAt: '2026-11-28T09:00:00.000Z',
			lastRecordAt: '2026-11-28T08:59:00.000Z'
		};
		expect(
			withFeedChange(loaded, {
				receivedAt: '2026-11-28T09:05:00.000Z',
				lastRecordAt: '2026-11-28T09:04:00.000Z'
			})
		).toEqual({
			lastReceivedAt: '2026-11-28T09:05:00.000Z',
			lastRecordAt: '2026-11-28T09:04:00.000Z'
		});
		expect(
			withFeedChange(loaded, { receivedAt: '2026-11-28T08:00:00.000Z', lastRecordAt: null })
		).toEqual(loaded);
	});

	it('names the state of a source: never received, fresh, or stale after its silent hours', () => {
		expect(freshnessState('payment', null, now)).toBe('never');
		expect(freshnessState('payment', '2026-11-28T09:59:00Z', now)).toBe('fresh');
		expect(freshnessState('payment', '2026-11-28T05:59:00Z', now)).toBe('stale');
		expect(freshnessState('debt', '2025-01-01T00:00:00Z', now)).toBe('fresh');
	});

	it('has news for a screen reader only when the state changes, not on each new batch', () => {
		expect(freshnessNews('fresh', 'fresh')).toBeNull();
		expect(freshnessNews('stale', 'stale')).toBeNull();
		expect(freshnessNews('fresh', 'stale')).toBe('stale');
		expect(freshnessNews('stale', 'fresh')).toBe('resumed');
		expect(freshnessNews('never', 'fresh')).toBe('started');
		expect(freshnessNews('never', 'stale')).toBe('stale');
	});
});
