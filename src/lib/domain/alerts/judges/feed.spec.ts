import { describe, expect, it } from 'vitest';
import { ruleSettings } from '../../../../../tests/support/alert-judging';
import { judgeFeed } from './feed';

const tz = 'Asia/Shanghai';

describe('the payment feed', () => {
	it('keys a gap by the fiscal day of the last record received', () => {
		const last = new Date('2026-03-09T17:00:00Z'); // 10 March 01:00 in Shanghai
		const judged = judgeFeed(last, new Date('2026-03-16T09:00:00Z'), tz, ruleSettings().feedStale);
		// Tuesday to Friday and Monday, 9:00–17:00: 40 working hours.
		expect(judged.findings).toMatchObject([
			{ subjectKey: 'payment', period: '2026-03-10', year: 2026, level: 'warning' }
		]);
	});

	it('finds nothing before the first record, or right after one', () => {
		const now = new Date('2026-03-16T09:00:00Z');
		expect(judgeFeed(null, now, tz, ruleSettings().feedStale).findings).toEqual([]);
		expect(judgeFeed(now, now, tz, ruleSettings().feedStale).findings).toEqual([]);
	});
});
