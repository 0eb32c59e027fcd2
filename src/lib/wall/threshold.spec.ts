import { describe, expect, it } from 'vitest';
import { thresholdText } from './threshold';

describe('the large-payment threshold in the payments screen’s heading', () => {
	it('reads in 万元 in Chinese', () => {
		expect(thresholdText('100000.00', 'zh')).toEqual({ value: '10', unit: 'wan' });
	});

	it('reads in whole yuan in English, not in “10k yuan”', () => {
		expect(thresholdText('100000.00', 'en')).toEqual({ value: '100,000', unit: 'yuan' });
		expect(thresholdText('2500000', 'en')).toEqual({ value: '2,500,000', unit: 'yuan' });
	});
});
