// The alert engine's hook into ingest: called inside the batch transaction after the records are
// stored, with what the batch changed. Returns live events to record with the batch.
import type { RecordKind } from '../../domain/records';
import type { LiveEvent } from '../../live/events';
import type { StoreContext, StoreResult } from '../ingest/types';

export interface IngestTouch {
	kind: RecordKind;
	result: StoreResult;
	/** Records of the batch that were rejected (quarantined). */
	rejected: number;
}

export async function evaluateOnIngest(_ctx: StoreContext, _touch: IngestTouch): Promise<Omit<LiveEvent, 'seq' | 'at'>[]> {
	return []; // the rule engine (issue 5) evaluates here
}
