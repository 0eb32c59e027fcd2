import { describe, expect, it } from 'vitest';
import { judgeDataQuality } from './data-quality';
import { DEFAULT_PARAMS } from './params';

const scope = { zh: '隔离区 (payment)', en: 'quarantine (payment)' };

describe('data quality', () => {
	it('notices the first quarantined record and warns from 100', () => {
		expect(
			judgeDataQuality({ scope, problem: 'quarantined', count: 0 }, DEFAULT_PARAMS.dataQuality)
		).toBeNull();
		expect(
			judgeDataQuality({ scope, problem: 'quarantined', count: 1 }, DEFAULT_PARAMS.dataQuality)
				?.level
		).toBe('notice');
		expect(
			judgeDataQuality({ scope, problem: 'quarantined', count: 99 }, DEFAULT_PARAMS.dataQuality)
				?.level
		).toBe('notice');
		expect(
			judgeDataQuality({ scope, problem: 'quarantined', count: 100 }, DEFAULT_PARAMS.dataQuality)
				?.level
		).toBe('warning');
	});
	it('notices payments under unknown codes or units', () => {
		expect(
			judgeDataQuality(
				{ scope, problem: 'unknownFunction', count: 500 },
				DEFAULT_PARAMS.dataQuality
			)?.level
		).toBe('notice');
	});
});
