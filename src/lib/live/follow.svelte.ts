/**
 * Keeps a page's figures live: its load data says which sequence it includes; events that concern
 * the page (and any resync after a reconnect) reload it through `invalidate`, at most once per
 * 300 ms however fast payments arrive.
 *
 * Usage (in a page's script): followLive({ seq: () => data.page.seq, dependency: 'app:execution',
 *   concerns: (e) => e.topic === 'execution' });
 */
import { onMount } from 'svelte';
import { invalidate } from '$app/navigation';
import { getLive, throttled } from './client.svelte';
import type { LiveEvent } from './events';

export interface FollowOptions {
	seq: () => number;
	dependency: string;
	concerns: (event: LiveEvent) => boolean;
}

export function followLive(options: FollowOptions) {
	const live = getLive();
	$effect(() => live.caughtUp(options.seq()));
	onMount(() => {
		const refresh = throttled(() => invalidate(options.dependency), 300);
		const offEvents = live.subscribe((events) => {
			if (events.some(options.concerns)) refresh();
		});
		const offResync = live.onResync(refresh);
		return () => {
			offEvents();
			offResync();
		};
	});
	return live;
}

export { executionConcerns, revenueConcerns } from './concerns';
