// 收入进度偏慢: collections of a revenue subject behind 序时进度 (same arithmetic as pace lag).
import { judgeProgress, type ProgressInput } from './pace-lag';
import type { Verdict } from './explanation';
import type { RuleParams } from './params';

export function judgeRevenueLag(input: ProgressInput, params: RuleParams['revenueLag']): Verdict {
	return judgeProgress('revenueLag', input, params);
}
