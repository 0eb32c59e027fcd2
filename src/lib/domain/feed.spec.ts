import { describe, expect, it } from 'vitest';
import { isStale, withFeedChange } from './feed';

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
});
