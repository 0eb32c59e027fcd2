import { describe, expect, it } from 'vitest';
import { overrideDiff, paramFields, paramsSummary, readParamsForm, toInput, wanToYuan } from './rule-form';

const paceLag = { thresholds: { notice: '5', warning: '10', severe: '15' }, fromMonth: 3, minPlan: '500000' };
const form = (values: Record<string, string>) => new Map(Object.entries(values));

describe('the threshold form of a rule', () => {
	it('lists thresholds first, money in 万元', () => {
		expect(paramFields('paceLag', paceLag).map((f) => [f.name, f.unit, f.value])).toEqual([
			['thresholds.notice', 'pp', '5'],
			['thresholds.warning', 'pp', '10'],
			['thresholds.severe', 'pp', '15'],
			['fromMonth', 'month', '3'],
			['minPlan', 'wan', '50']
		]);
	});

	it('reads a form back into params, 万元 into exact 元', () => {
		const read = readParamsForm('paceLag', paceLag, form({ 'thresholds.notice': '2', 'thresholds.warning': '4.5', 'thresholds.severe': '8', fromMonth: '4', minPlan: '12.345678' }));
		expect(read).toEqual({ ok: true, params: { thresholds: { notice: '2', warning: '4.5', severe: '8' }, fromMonth: 4, minPlan: '123456.78' } });
	});

	it('says which level is out of order', () => {
		const read = readParamsForm('paceLag', paceLag, form({ 'thresholds.notice': '10', 'thresholds.warning': '10', 'thresholds.severe': '15', fromMonth: '3', minPlan: '50' }));
		expect(read).toMatchObject({ ok: false, errors: { 'thresholds.warning': 'rules.err.notAboveNotice' } });
		const severe = readParamsForm('paceLag', paceLag, form({ 'thresholds.notice': '5', 'thresholds.warning': '10', 'thresholds.severe': '9', fromMonth: '3', minPlan: '50' }));
		expect(severe).toMatchObject({ ok: false, errors: { 'thresholds.severe': 'rules.err.notAboveWarning' } });
	});

	it('names each malformed field and keeps what was typed', () => {
		const read = readParamsForm('paceLag', paceLag, form({ 'thresholds.notice': 'abc', 'thresholds.warning': '', 'thresholds.severe': '15', fromMonth: '13', minPlan: '-1' }));
		expect(read).toEqual({
			ok: false,
			errors: { 'thresholds.notice': 'rules.err.number', 'thresholds.warning': 'rules.err.required', fromMonth: 'rules.err.month', minPlan: 'rules.err.amount' },
			values: { 'thresholds.notice': 'abc', 'thresholds.warning': '', 'thresholds.severe': '15', fromMonth: '13', minPlan: '-1' }
		});
	});

	it('reads levels, code lists and dates', () => {
		const threePublic = { thresholds: { notice: '90', warning: '100', severe: '110' }, econCodes: ['30212', '30217'] };
		expect(readParamsForm('threePublic', threePublic, form({ 'thresholds.notice': '90', 'thresholds.warning': '100', 'thresholds.severe': '110', econCodes: '30212，30217 31013' }))).toMatchObject({
			ok: true,
			params: { econCodes: ['30212', '30217', '31013'] }
		});
		const noPlan = { level: 'warning', minAmount: '0' };
		expect(readParamsForm('noPlan', noPlan, form({ level: 'loud', minAmount: '0' }))).toMatchObject({ ok: false, errors: { level: 'rules.err.level' } });
	});

	it('keeps in an override only what differs from the defaults', () => {
		expect(overrideDiff(paceLag, { ...paceLag, thresholds: { notice: '2', warning: '10', severe: '15' } })).toEqual({
			thresholds: { notice: '2', warning: '10', severe: '15' }
		});
	});

	it('converts between 元 and 万元 exactly', () => {
		expect(toInput('123456.78', 'wan')).toBe('12.345678');
		expect(wanToYuan('0.01')).toBe('100');
		expect(wanToYuan('1e3')).toBeNull();
		expect(paramsSummary('largePayment', { thresholds: { notice: '1000000', warning: '5000000', severe: '50000000' } })).toEqual([
			{ key: 'thresholds', unit: 'wan', text: '100 / 500 / 5000' }
		]);
	});
});
