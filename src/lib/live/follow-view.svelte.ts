/**
 * Keeps a page's figures live from a pushed live view (views.ts): the page's load serves the view
 * from the server's cache; after that the server pushes each new state and the page applies it
 * without a request. After a reconnect or a resync the view is watched again and its current state
 * taken.
 *
 * Usage (in a page's script):
 *   const overview = followView({
 *     key: () => data.viewKey,
 *     initial: () => ({ seq: data.overview.seq, data: data.overview })
 *   });
 *   const o = $derived(overview.data);
 */
import { onMount, untrack } from 'svelte';
import { getLive } from './client.svelte';
import { ViewClient } from './view-client';
import { viewKeyString, type ViewKey } from './views';

export interface FollowViewOptions<D> {
	key: () => ViewKey;
	/** The view as the page's load served it, with the newest live sequence it includes. */
	initial: () => { seq: number; data: D };
}

export function followView<D>(options: FollowViewOptions<D>) {
	const live = getLive();
	const views = live.views(() => new ViewClient());
	const name = $derived(viewKeyString(options.key()));
	let pushed = $state<{ key: string; seq: number; data: D } | null>(null);
	// The newer of what the load served and what the server pushed for the same key.
	const current = $derived.by(() => {
		const initial = options.initial();
		return pushed && pushed.key === name && pushed.seq >= initial.seq ? pushed : initial;
	});
	$effect(() => live.caughtUp(current.seq, 'view'));
	$effect(() => {
		void name; // watch again only when the key's string changes, not on every load
		const key = untrack(options.key);
		return views.watch<D>(key, (view) => (pushed = view));
	});
	onMount(() => live.onResync(() => void views.rewatch().then(() => live.resynced(current.seq))));
	return {
		get data(): D {
			return current.data;
		},
		get seq(): number {
			return current.seq;
		},
		live
	};
}
