// The `alerts` live event every alert write records: what changed and the year's active counts.
import type { AlertChange, AlertCounts } from '../../live/events';
import type { NewLiveEvent } from '../write-path';

export function alertsEvent(changes: AlertChange[], counts: AlertCounts): NewLiveEvent {
	return { topic: 'alerts', audience: 'all', payload: { changes, counts } };
}
