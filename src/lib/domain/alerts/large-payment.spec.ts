import { describe, expect, it } from 'vitest';
import { judgeLargePayment } from './large-payment';
import { DEFAULT_PARAMS } from './params';

const at = (amount: bigint) =>
	judgeLargePayment(
		{ scope: { zh: '交通局', en: 'Transport' }, id: 'ZF1', amount, fiscalDate: '2026-06-16' },
		DEFAULT_PARAMS.largePayment
	);

describe('large payment (大额支付)', () => {
	it('fires at 100万, 500万 and 5000万 and not a fen below', () => {
		expect(at(99_999_999n)).toBeNull();
		expect(at(100_000_000n)?.level).toBe('notice');
		expect(at(499_999_999n)?.level).toBe('notice');
		expect(at(500_000_000n)?.level).toBe('warning');
		expect(at(5_000_000_000n)?.level).toBe('severe');
	});
	it('never fires on a refund', () => {
		expect(at(-6_850_000_000n)).toBeNull();
	});
});
