import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, RULE_TYPES } from './params';
import { applyProposal, settingsFrom } from './settings';

const stored = RULE_TYPES.map((type) => ({ type, enabled: true, params: DEFAULT_PARAMS[type] }));
const settings = settingsFrom(stored, []);

describe('rule settings', () => {
	it('fill params stored before a field existed from the defaults, and skip unknown rules', () => {
		const old = settingsFrom(
			[
				{
					type: 'paceLag',
					enabled: false,
					params: { thresholds: DEFAULT_PARAMS.paceLag.thresholds }
				},
				{ type: 'retired', enabled: true, params: {} }
			],
			[{ ruleType: 'paceLag', scopeKind: 'department', scopeCode: '122', params: { fromMonth: 6 } }]
		);
		expect(old.paceLag).toEqual({
			type: 'paceLag',
			enabled: false,
			params: DEFAULT_PARAMS.paceLag,
			overrides: [{ scopeKind: 'department', scopeCode: '122', params: { fromMonth: 6 } }]
		});
		expect(Object.keys(old)).toEqual(['paceLag']);
	});

	it('merge a change of the defaults over the current params', () => {
		const changed = applyProposal(settings, 'paceLag', { params: { fromMonth: 4 } });
		expect(changed.ok && changed.settings.paceLag.params).toEqual({
			...DEFAULT_PARAMS.paceLag,
			fromMonth: 4
		});
		expect(changed.ok && changed.settings.overPlan).toBe(settings.overPlan);
	});

	it('replace or remove one scope’s override', () => {
		const scope = { kind: 'department' as const, code: '122' };
		const added = applyProposal(settings, 'paceLag', { scope, params: { fromMonth: 6 } });
		if (!added.ok) throw new Error(added.error);
		expect(added.settings.paceLag.overrides).toEqual([
			{ scopeKind: 'department', scopeCode: '122', params: { fromMonth: 6 } }
		]);
		const removed = applyProposal(added.settings, 'paceLag', { scope, params: null });
		expect(removed.ok && removed.settings.paceLag.overrides).toEqual([]);
	});

	it('say which field is wrong', () => {
		expect(
			applyProposal(settings, 'revenueLag', { scope: { kind: 'department', code: '1' } })
		).toEqual({
			ok: false,
			error: 'scope: revenueLag has no department overrides (allowed: none)'
		});
		expect(
			applyProposal(settings, 'paceLag', { scope: { kind: 'project', code: 'a b' }, params: {} })
		).toMatchObject({ ok: false, error: 'scope.code: must be a code of letters, digits, - or _' });
		expect(applyProposal(settings, 'paceLag', { params: { fromMonth: 13 } })).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^params\.fromMonth: /)
		});
	});
});
