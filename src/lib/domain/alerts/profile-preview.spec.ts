import { describe, expect, it } from 'vitest';
import { ruleSettings } from '../../../../tests/support/alert-judging';
import type { FindingRow } from '../cases/grouping';
import type { Finding } from './judges/evaluation';
import { DEFAULT_PROFILES, applyProfileProposal } from './profiles';
import { previewCounts } from './profile-preview';
import type { PlannedChange } from './reconcile';

const row = (
	id: number,
	subjectKey: string,
	deptCode: string,
	level: FindingRow['level']
): FindingRow => ({
	id,
	ruleType: 'paceLag',
	subjectKey,
	period: '2026',
	year: 2026,
	level,
	deptCode,
	funcCode: null,
	projectCode: subjectKey.includes(':project:') ? subjectKey.split(':').at(-1)! : null,
	explanation: { inputs: [] }
});
const finding = (subjectKey: string, deptCode: string, level: Finding['level']): Finding => ({
	ruleType: 'paceLag',
	subjectKey,
	period: '2026',
	year: 2026,
	level,
	deptCode,
	explanation: { inputs: [] } as never
});

describe('what a profile change would do, in findings and cases', () => {
	const active = [
		row(1, 'general:dept:138', '138', 'warning'),
		row(2, 'general:project:138:P1', '138', 'severe'),
		row(3, 'general:dept:127', '127', 'severe'),
		row(4, 'general:city', '', 'notice') // context: no case
	];
	it('counts a department case closing, one changing and one opening', () => {
		const changes: PlannedChange[] = [
			{ action: 'close', alert: { ...active[2], status: 'open' } as never },
			{ action: 'close', alert: { ...active[1], status: 'open' } as never },
			{ action: 'open', finding: finding('general:dept:133', '133', 'notice'), toLevel: 'notice' }
		];
		// 138 loses its severe project (changes), 127 closes, 133 opens; the city is no case.
		expect(
			previewCounts(
				active.map((r) => ({ ...r, deptCode: r.deptCode || null })),
				'paceLag',
				changes
			)
		).toEqual({
			findings: { open: 1, change: 0, close: 2 },
			cases: { open: 1, change: 1, close: 1 }
		});
	});

	it('counts nothing for no change', () => {
		expect(previewCounts(active, 'paceLag', [])).toEqual({
			findings: { open: 0, change: 0, close: 0 },
			cases: { open: 0, change: 0, close: 0 }
		});
	});
});

describe('a proposed profile', () => {
	const settings = ruleSettings({}, { profiles: DEFAULT_PROFILES });
	it('replaces the rule’s profile for that prefix and reports before and after', () => {
		const changed = applyProfileProposal(settings, {
			ruleType: 'paceLag',
			codeKind: 'func',
			codePrefix: '227',
			mode: 'thresholds',
			params: { thresholds: { notice: '30', warning: '40', severe: '50' } },
			note: '预备费按更宽的阈值'
		});
		expect(changed.ok).toBe(true);
		if (!changed.ok) return;
		expect(changed.before?.mode).toBe('excluded');
		expect(changed.after).toMatchObject({ mode: 'thresholds', note: '预备费按更宽的阈值' });
		const profiles = changed.settings.paceLag.profiles!;
		expect(profiles.filter((p) => p.codePrefix === '227')).toHaveLength(1);
		expect(profiles).toHaveLength(settings.paceLag.profiles!.length);
		expect(settings.paceLag.profiles!.find((p) => p.codePrefix === '227')?.mode).toBe('excluded');
	});

	it('removes a profile, and refuses to remove one that does not exist', () => {
		const removed = applyProfileProposal(settings, {
			ruleType: 'largePayment',
			codeKind: 'econ',
			codePrefix: '301',
			remove: true
		});
		expect(
			removed.ok && removed.after === null && removed.settings.largePayment.profiles!.length
		).toBe(DEFAULT_PROFILES.filter((p) => p.ruleType === 'largePayment').length - 1);
		expect(
			applyProfileProposal(settings, {
				ruleType: 'largePayment',
				codeKind: 'econ',
				codePrefix: '399',
				remove: true
			})
		).toMatchObject({ ok: false });
	});
});
