import { describe, expect, it } from 'vitest';
import { names, ruleSettings } from '../../../../../tests/support/alert-judging';
import { judgePayments, largePaymentFloor, type PaymentFact } from './payments';

const payment = (id: string, amount: bigint, deptCode = '122'): PaymentFact => ({
	id,
	fiscalDate: '2026-03-10',
	budgetKind: 'general',
	deptCode,
	funcCode: '2050202',
	projectCode: '',
	amount
});

const override = (notice: string) => ({
	ruleType: 'largePayment',
	scopeKind: 'department',
	scopeCode: '131',
	params: { thresholds: { notice, warning: '5000000', severe: '50000000' } }
});

describe('large payments', () => {
	it('finds a payment at or above its scope’s threshold, keyed by the payment', () => {
		const setting = ruleSettings({}, { overrides: [override('200000')] }).largePayment;
		const judged = judgePayments(
			[
				payment('P-1', 100_000_000n),
				payment('P-2', 99_999_999n),
				payment('P-3', 20_000_000n, '131')
			],
			setting,
			names
		);
		expect(judged.findings.map((f) => [f.subjectKey, f.level, f.period])).toEqual([
			['P-1', 'notice', '2026'],
			['P-3', 'notice', '2026']
		]);
		// After a batch only the large ones are covered: a small payment has no alert to close.
		expect(judged.narrow).toEqual({ subjectKeys: ['P-1', 'P-3'] });
		expect(judged.covers({ subjectKey: 'P-2', period: '2026', deptCode: '122' })).toBe(false);
	});

	it('covers the whole year in the periodic run, so lowered thresholds clear what no longer holds', () => {
		const judged = judgePayments([], ruleSettings().largePayment, names, 2026);
		expect(judged.narrow).toEqual({ period: '2026' });
		expect(judged.covers({ subjectKey: 'P-9', period: '2026', deptCode: '122' })).toBe(true);
	});

	it('reads no payment below the least threshold of the defaults and every override', () => {
		expect(largePaymentFloor(ruleSettings().largePayment)).toBe(100_000_000n);
		const lower = ruleSettings({}, { overrides: [override('200000.50')] }).largePayment;
		expect(largePaymentFloor(lower)).toBe(20_000_050n);
	});
});
