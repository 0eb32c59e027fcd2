// The typed event map of the /live namespace, shared by the server and the browser client.
import type { FeedChange } from '../domain/feed';
import type { LiveView, LiveViewDiff, ViewKey, ViewPush, WatchReply } from './views';

export type Audience = 'all' | 'staff' | 'admin';

export interface ExecutionChange {
	year: number;
	budgetKind: string;
	/** Net amount added by the batch, decimal string in 元. */
	amount: string;
	payments: number;
	deptCodes: string[];
	funcClasses: string[];
}

export interface LiveTopics {
	/** Payments were committed: totals of these years/kinds changed. */
	execution: { changes: ExecutionChange[] };
	/** Revenue was collected. */
	revenue: {
		changes: {
			year: number;
			budgetKind: string;
			amount: string;
			records: number;
			subjectClasses: string[];
		}[];
	};
	/** State-asset reports arrived for these periods. */
	asset: { periods: string[] };
	/** Audit findings of these years were received, created or changed (ids of the changed ones). */
	audit: { years: number[]; findingIds: string[] };
	/** Government debt records arrived for these periods. */
	debt: { periods: string[] };
	/** Plans or units changed. */
	plan: { years: number[] };
	/** A source delivered data: its feed status after the batch. */
	feed: FeedChange;
	/**
	 * The quarantine changed (staff only): `count` records of a batch were quarantined, `conflicts`
	 * of them because their id was already stored with other content (a data-quality signal); or
	 * staff resolved entries (`resolved`, count 0).
	 */
	quarantine: { batchId: string; count: number; conflicts: number; resolved?: number[] };
	/**
	 * Alerts were opened, escalated, lowered, changed status, cleared or explained anew (code names
	 * changed); `counts` are the open alerts now.
	 */
	alerts: { changes: AlertChange[]; counts: AlertCounts };
}

export interface AlertChange {
	id: number;
	ruleType: string;
	level: 'notice' | 'warning' | 'severe';
	status: 'open' | 'acknowledged' | 'resolved' | 'dismissed' | 'cleared';
	/** `explained`: only what its findings say changed (the code names they use), not level or status. */
	change: 'opened' | 'escalated' | 'lowered' | 'status' | 'cleared' | 'explained';
}

/** Active (open or acknowledged) alerts of the current fiscal year by level. */
export interface AlertCounts {
	notice: number;
	warning: number;
	severe: number;
	total: number;
}

export type LiveTopic = keyof LiveTopics;

export interface LiveEvent<T extends LiveTopic = LiveTopic> {
	seq: number;
	topic: T;
	audience: Audience;
	payload: LiveTopics[T];
	at: string;
}

export interface ServerToClient {
	/**
	 * One coalesced flush, every few hundred ms: the committed events this socket may see, in seq
	 * order, and the pushes of the flush's recomputed views this socket watches (views.ts) — one
	 * frame a socket a flush. A view whose computation outlasts the flush's wait comes on its own
	 * (`view`, `viewDiff`); `events` may then be empty of pushes, or of events.
	 */
	events: (events: LiveEvent[], views?: ViewPush[]) => void;
	/** Sent on connect: the newest committed seq, so a client can tell whether it missed anything. */
	hello: (info: { seq: number; role: string }) => void;
	/** A watched view, recomputed after a change that concerns it, whole, on its own (views.ts). */
	view: (view: LiveView) => void;
	/** A watched view's change as the difference from the previous state, on its own (views.ts). */
	viewDiff: (diff: LiveViewDiff) => void;
}

export interface ClientToServer {
	ping: (ack: (serverTime: string) => void) => void;
	/** Starts watching a view (again): the reply carries its current state, pushes follow as `view`. */
	watch: (key: ViewKey, ack: (reply: WatchReply) => void) => void;
	unwatch: (key: ViewKey) => void;
}
