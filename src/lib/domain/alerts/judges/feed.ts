/**
 * 数据中断 of the payment feed, judged on the business time of the newest payment received: for a
 * live feed it is when data last arrived, and it makes a replay judge the same way every time.
 * The period is the fiscal date of that last record, so each gap is its own alert.
 */
import { fiscalDateOf } from '../../fiscal';
import { judgeFeedStale } from '../feed-stale';
import type { RuleSettings } from '../params';
import { addFinding, type Evaluation, type Finding } from './evaluation';

/** `lastAt`: the newest payment's business time, or null when none was ever received. */
export function judgeFeed(
	lastAt: Date | null,
	now: Date,
	tz: string,
	setting: RuleSettings['feedStale']
): Evaluation {
	const findings: Finding[] = [];
	if (setting.enabled && lastAt) {
		const v = judgeFeedStale(
			{ scope: { zh: '国库支付数据', en: 'treasury payment feed' }, lastAt, now, tz },
			setting.params
		);
		const day = fiscalDateOf(lastAt, tz);
		addFinding(findings, 'feedStale', v, {
			key: 'payment',
			period: day,
			year: Number(day.slice(0, 4))
		});
	}
	return { ruleType: 'feedStale', findings, covers: () => true };
}
