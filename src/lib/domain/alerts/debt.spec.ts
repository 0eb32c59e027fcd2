import { describe, expect, it } from 'vitest';
import type { DebtRow } from '../debt';
import { judgeDebtRatio, judgeDebtService } from './debt-ratio';
import { judgeDebt } from './judges/debt';
import { DEFAULT_PARAMS, type RuleSettings } from './params';

const scope = { zh: '全市', en: 'city' };
const p = DEFAULT_PARAMS.debtRatio;
const level = (balance: string, capacity: string) =>
	judgeDebtRatio({ scope, year: 2026, balance, capacity }, p)?.level ?? null;

describe('债务率 rule', () => {
	it('fires at its grades, exactly at the thresholds', () => {
		expect(level('99.99', '100')).toBeNull();
		expect(level('100', '100')).toBe('notice');
		expect(level('119.99', '100')).toBe('notice');
		expect(level('120', '100')).toBe('warning');
		expect(level('199.99', '100')).toBe('warning');
		expect(level('200', '100')).toBe('severe');
		expect(level('5', '0')).toBeNull();
	});
	it('explains with the ratio rounded once and the MOF grade', () => {
		// 41235 / 33000 = 124.954545…% → 124.95%, yellow
		const v = judgeDebtRatio({ scope, year: 2026, balance: '41235', capacity: '33000' }, p)!;
		expect(v.explanation.summary.zh).toContain('124.95%');
		expect(v.explanation.summary.zh).toContain('黄色');
	});
});

describe('debt service against the schedule', () => {
	const s = DEFAULT_PARAMS.debtService;
	const lvl = (due: string, paid: string) =>
		judgeDebtService({ scope, year: 2026, due, paid }, s)?.level ?? null;
	it('is the unpaid share of what was due', () => {
		expect(lvl('0', '0')).toBeNull();
		expect(lvl('100', '100')).toBeNull();
		expect(lvl('100', '95.01')).toBeNull(); // 4.99%
		expect(lvl('100', '95')).toBe('notice');
		expect(lvl('100', '90')).toBe('warning');
		expect(lvl('100', '80')).toBe('severe');
	});
});

describe('judgeDebt', () => {
	const row = (period: string, balance: string, capacity: string | null): DebtRow => ({
		period,
		debtType: 'general',
		limit: '1000',
		balance,
		issued: null,
		refinanced: null,
		principalRepaid: null,
		interestPaid: null,
		principalDue: null,
		interestDue: null,
		capacity
	});
	const settings: Pick<RuleSettings, 'debtRatio' | 'debtService'> = {
		debtRatio: { type: 'debtRatio', enabled: true, params: p, overrides: [] },
		debtService: {
			type: 'debtService',
			enabled: true,
			params: DEFAULT_PARAMS.debtService,
			overrides: []
		}
	};
	it('judges each year with capacity, one city-wide alert per year', () => {
		const [ratio] = judgeDebt(
			[row('2025', '130', '100'), row('2026', '90', '100'), row('2024', '500', null)],
			settings
		);
		expect(ratio.findings.map((f) => [f.subjectKey, f.period, f.level])).toEqual([
			['city', '2025', 'warning']
		]);
	});
	it('judges debt service only when a schedule exists', () => {
		expect(judgeDebt([], settings)).toHaveLength(1);
		const [, service] = judgeDebt([], settings, {
			year: 2026,
			interestDue: '300',
			interestSpent: '200'
		});
		expect(service.findings[0]).toMatchObject({ subjectKey: 'city:232', level: 'severe' });
	});
});
