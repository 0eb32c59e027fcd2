import { describe, expect, it } from 'vitest';
import { applicableOverride, DEFAULT_PARAMS, parseRuleParams, RULE_TYPES } from './params';

describe('rule params', () => {
	it('accepts every default of the catalogue', () => {
		for (const type of RULE_TYPES)
			expect(parseRuleParams(type, DEFAULT_PARAMS[type]).ok).toBe(true);
	});
	it('rejects thresholds that decrease, naming the field', () => {
		const r = parseRuleParams('paceLag', {
			...DEFAULT_PARAMS.paceLag,
			thresholds: { notice: '10', warning: '5', severe: '15' }
		});
		expect(r).toEqual({
			ok: false,
			error: 'thresholds: thresholds must not decrease from notice to warning to severe'
		});
		expect(
			parseRuleParams('largePayment', { thresholds: { notice: '1e6', warning: '5', severe: '6' } })
				.ok
		).toBe(false);
	});
	it('prefers a project override, then the department, then the longest function prefix', () => {
		const o = [
			{ scopeKind: 'function' as const, scopeCode: '205', params: 1 },
			{ scopeKind: 'function' as const, scopeCode: '20502', params: 2 },
			{ scopeKind: 'department' as const, scopeCode: '122', params: 3 },
			{ scopeKind: 'project' as const, scopeCode: 'P1', params: 4 }
		];
		expect(applicableOverride(o, { funcCode: '2050202' })?.params).toBe(2);
		expect(applicableOverride(o, { funcCode: '2050202', deptCode: '122' })?.params).toBe(3);
		expect(
			applicableOverride(o, { funcCode: '2050202', deptCode: '122', projectCode: 'P1' })?.params
		).toBe(4);
		expect(applicableOverride(o, { funcCode: '2060101' })).toBeUndefined();
	});
});
