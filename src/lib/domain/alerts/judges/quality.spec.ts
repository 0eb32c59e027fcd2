import { describe, expect, it } from 'vitest';
import { ruleSettings } from '../../../../../tests/support/alert-judging';
import { judgeQuality, type QualityCounts } from './quality';

const counts: QualityCounts = {
	quarantined: [{ kind: 'payment', n: 120 }],
	unknownFunc: [{ code: '2999999', n: 3 }],
	unknownUnit: [{ code: '999', n: 1 }]
};
const setting = ruleSettings().dataQuality;
const alert = (subjectKey: string, period = '2026') => ({ subjectKey, period, deptCode: null });

describe('data quality', () => {
	it('finds quarantine per kind, unknown function codes and unknown units', () => {
		const judged = judgeQuality(2026, counts, setting);
		expect(judged.findings.map((f) => [f.subjectKey, f.level])).toEqual([
			['quarantine:payment', 'warning'],
			['function:2999999', 'notice'],
			['unit:999', 'notice']
		]);
		expect(judged.findings[1].funcCode).toBe('2999999');
	});

	it('covers the whole year in the periodic run', () => {
		const judged = judgeQuality(2026, counts, setting);
		expect(judged.covers(alert('unit:123'))).toBe(true);
		expect(judged.covers(alert('unit:123', '2025'))).toBe(false);
	});

	it('after a batch covers only the codes it brought, and quarantine when it had rejects', () => {
		const touch = { quarantine: false, funcCodes: ['2999999'], unitCodes: [] };
		const judged = judgeQuality(2026, counts, setting, touch);
		expect(judged.covers(alert('function:2999999'))).toBe(true);
		expect(judged.covers(alert('unit:999'))).toBe(false);
		expect(judged.covers(alert('quarantine:payment'))).toBe(false);
		const rejects = judgeQuality(2026, counts, setting, { ...touch, quarantine: true });
		expect(rejects.covers(alert('quarantine:payment'))).toBe(true);
	});
});
