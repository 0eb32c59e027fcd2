import { describe, expect, it } from 'vitest';
import {
	overrideDiff,
	paramFields,
	paramsSummary,
	paramValueText,
	readParamsForm,
	toInput,
	wanToYuan
} from './rule-form';
import { DEFAULT_PARAMS } from './alerts/params';

const paceLag = {
	thresholds: { notice: '5', warning: '10', severe: '15' },
	fromMonth: 3,
	minPlan: '500000'
};
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
		const read = readParamsForm(
			'paceLag',
			paceLag,
			form({
				'thresholds.notice': '2',
				'thresholds.warning': '4.5',
				'thresholds.severe': '8',
				fromMonth: '4',
				minPlan: '12.345678'
			})
		);
		expect(read).toEqual({
			ok: true,
			params: {
				thresholds: { notice: '2', warning: '4.5', severe: '8' },
				fromMonth: 4,
				minPlan: '123456.78'
			}
		});
	});

	it('says which level is out of order', () => {
		const read = readParamsForm(
			'paceLag',
			paceLag,
			form({
				'thresholds.notice': '10',
				'thresholds.warning': '10',
				'thresholds.severe': '15',
				fromMonth: '3',
				minPlan: '50'
			})
		);
		expect(read).toMatchObject({
			ok: false,
			errors: { 'thresholds.warning': 'rules.err.notAboveNotice' }
		});
		const severe = readParamsForm(
			'paceLag',
			paceLag,
			form({
				'thresholds.notice': '5',
				'thresholds.warning': '10',
				'thresholds.severe': '9',
				fromMonth: '3',
				minPlan: '50'
			})
		);
		expect(severe).toMatchObject({
			ok: false,
			errors: { 'thresholds.severe': 'rules.err.notAboveWarning' }
		});
	});

	it('names each malformed field and keeps what was typed', () => {
		const read = readParamsForm(
			'paceLag',
			paceLag,
			form({
				'thresholds.notice': 'abc',
				'thresholds.warning': '',
				'thresholds.severe': '15',
				fromMonth: '13',
				minPlan: '-1'
			})
		);
		expect(read).toEqual({
			ok: false,
			errors: {
				'thresholds.notice': 'rules.err.number',
				'thresholds.warning': 'rules.err.required',
				fromMonth: 'rules.err.month',
				minPlan: 'rules.err.amount'
			},
			values: {
				'thresholds.notice': 'abc',
				'thresholds.warning': '',
				'thresholds.severe': '15',
				fromMonth: '13',
				minPlan: '-1'
			}
		});
	});

	it('reads levels, code lists and dates', () => {
		const threePublic = {
			thresholds: { notice: '90', warning: '100', severe: '110' },
			econCodes: ['30212', '30217']
		};
		expect(
			readParamsForm(
				'threePublic',
				threePublic,
				form({
					'thresholds.notice': '90',
					'thresholds.warning': '100',
					'thresholds.severe': '110',
					econCodes: '30212，30217 31013'
				})
			)
		).toMatchObject({
			ok: true,
			params: { econCodes: ['30212', '30217', '31013'] }
		});
		const noPlan = { level: 'warning', minAmount: '0' };
		expect(readParamsForm('noPlan', noPlan, form({ level: 'loud', minAmount: '0' }))).toMatchObject(
			{ ok: false, errors: { level: 'rules.err.level' } }
		);
	});

	it('reads the feed-stale calendar: dates that exist, sorted, empty allowed', () => {
		const feedStale = DEFAULT_PARAMS.feedStale;
		const base = {
			'thresholds.notice': '4',
			'thresholds.warning': '24',
			'thresholds.severe': '72',
			workdayStartHour: '9',
			workdayEndHour: '17'
		};
		expect(
			paramFields('feedStale', feedStale)
				.filter((f) => f.unit === 'dates')
				.map((f) => f.name)
		).toEqual(['holidays', 'workdays']);
		expect(
			readParamsForm(
				'feedStale',
				feedStale,
				form({ ...base, holidays: '2026-10-02，2026-10-01 2026-10-01、2026-10-05', workdays: '' })
			)
		).toMatchObject({
			ok: true,
			params: { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: [] }
		});
		expect(
			readParamsForm(
				'feedStale',
				feedStale,
				form({ ...base, holidays: '2026-02-29', workdays: '2026/09/27' })
			)
		).toMatchObject({
			ok: false,
			errors: { holidays: 'rules.err.dates', workdays: 'rules.err.dates' }
		});
	});

	it('keeps in an override only what differs from the defaults', () => {
		expect(
			overrideDiff(paceLag, {
				...paceLag,
				thresholds: { notice: '2', warning: '10', severe: '15' }
			})
		).toEqual({
			thresholds: { notice: '2', warning: '10', severe: '15' }
		});
	});

	it('converts between 元 and 万元 exactly', () => {
		expect(toInput('123456.78', 'wan')).toBe('12.345678');
		expect(wanToYuan('0.01')).toBe('100');
		expect(wanToYuan('1e3')).toBeNull();
		expect(
			paramsSummary('largePayment', {
				thresholds: { notice: '1000000', warning: '5000000', severe: '50000000' }
			})
		).toEqual([{ key: 'thresholds', unit: 'wan', text: '100 / 500 / 5000' }]);
	});

	it('writes a value apart from its unit word, so 50 × 10k yuan never reads as 5010k', () => {
		expect(paramValueText('50', 'wan', '10k yuan')).toBe('50 10k yuan');
		expect(paramValueText('100 / 500 / 5000', 'wan', '万元')).toBe('100 / 500 / 5000 万元');
		expect(paramValueText('3', 'days', 'days')).toBe('3 days');
		expect(paramValueText('95 / 100 / 110', 'percent', '%')).toBe('95 / 100 / 110%');
		expect(paramValueText('7', 'count', '')).toBe('7');
		// A list's unit word is the form's hint for typing it, not a unit.
		expect(paramValueText('30212, 30217', 'codes', 'comma-separated')).toBe('30212, 30217');
	});
});
