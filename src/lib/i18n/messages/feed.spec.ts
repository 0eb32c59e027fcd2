import { describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../domain/records/kinds';
import feed from './feed';

describe('the feed pages’ strings', () => {
	it('name every record kind as a source, in both languages', () => {
		for (const lang of [feed.zh, feed.en] as Record<string, string>[])
			for (const kind of RECORD_KINDS) expect(lang[`feed.source.${kind}`], kind).toBeTruthy();
	});
});
