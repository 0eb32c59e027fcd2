// What the live view cache (server/realtime/views.ts) needs to know about one kind of view.
import type { LiveEvent } from '../../live/events';
import type { ViewKey } from '../../live/views';
import type { Viewer } from '../privacy';

/**
 * Who a view is computed for: what a role may see (privacy.ts `viewerOf`), never a single user.
 * A wall display's sockets watch as 'display'.
 */
export type ViewAudience = Viewer;

export interface ViewDefinition<K extends ViewKey = ViewKey, D = unknown> {
	/** Whether an event changes what the view of `key` shows. */
	concerns(key: K): (event: LiveEvent) => boolean;
	/**
	 * What the key stands for at this moment (an as-of that follows today): when it differs from what
	 * a cached view was computed for, that view is recomputed before it is served.
	 */
	resolve(key: K): string;
	/** Computes the view in one snapshot; `seq` is the newest live event the data includes. */
	compute(key: K, audience: ViewAudience): Promise<{ seq: number; data: D }>;
}
