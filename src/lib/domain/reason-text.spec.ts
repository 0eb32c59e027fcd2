import { describe, expect, it } from 'vitest';
import { reasonInChinese } from './reason-text';
import { validateRecord, type RecordKind } from './records';
import { paymentRecord } from '../../../tests/support/factories';

const payment = paymentRecord({ id: 'ZF-1' });
const plan = {
	id: 'PL-1',
	year: 2026,
	stage: 'initial',
	amount: '100.00',
	deptCode: '122',
	funcCode: '2050202'
};
const asset = {
	id: 'A-1',
	period: '2025',
	category: 'enterprise',
	entityCode: 'E1',
	entityName: '市交投集团',
	figures: { totalAssets: '1.00' }
};

/** Bad records of every kind: the reasons the server really gives, each to be read in Chinese whole. */
const BAD: [RecordKind, Record<string, unknown>][] = [
	['payment', { ...payment, amount: '12.345' }],
	['payment', { ...payment, amount: 'abc', paidAt: '2026-02-30T10:00:00+08:00' }],
	['payment', { ...payment, amount: '2000000000000.00' }],
	['payment', { ...payment, funcCode: '20502AB', econCode: '3020' }],
	['payment', { ...payment, deptCode: '' }],
	['payment', { ...payment, id: undefined, deptCode: undefined }],
	['payment', { ...payment, payType: 'cash', payeeKind: 'robot', budgetKind: 'secret' }],
	['payment', { ...payment, purpose: 'x'.repeat(600) }],
	['payment', { ...payment, payee: 'bad\u0000name' }],
	['payment', { ...payment, projectCode: '项目 1' }],
	['plan', { ...plan, stage: 'final', year: 1999 }],
	['plan', { ...plan, year: 2026.5, side: 'both', effectiveOn: '2026/08/27' }],
	['plan', { ...plan, deptCode: '', funcCode: '' }],
	['plan', { ...plan, side: 'revenue', deptCode: '', funcCode: '' }],
	['revenue', { id: 'R-1', collectedAt: 'yesterday', subjectCode: '1010', amount: '1.00' }],
	['asset', { ...asset, period: '2025-13', category: 'castle', figures: {} }],
	['asset', { ...asset, figures: { totalAssets: 'x'.repeat(50), '': '1' } }],
	['unit', { code: 'A12', name: '' }]
];

describe('rejection reasons in Chinese', () => {
	it.each(BAD)('reads every part of a %s reason in Chinese, keeping what was sent', (kind, raw) => {
		const result = validateRecord(kind, raw, 'Asia/Shanghai');
		expect(result.ok).toBe(false);
		const reason = (result as { reason: string }).reason;
		const chinese = reasonInChinese(reason);
		// No English wording left: every field and message of the reason was known.
		expect(chinese).not.toMatch(/\b(must|is required|is beyond|Invalid|expected|got)\b/);
		expect(chinese.split('；')).toHaveLength(reason.split(/; (?=[A-Za-z][\w.]*: )/).length);
		// The values the sender gave are quoted as they were.
		for (const quoted of reason.match(/"[^"]*"/g) ?? []) expect(chinese).toContain(quoted);
	});

	it('names the field and quotes the value', () => {
		expect(
			reasonInChinese(
				'amount: must be a decimal amount in 元 with at most 2 decimals, got "12.345"'
			)
		).toBe('金额（amount）：须为以元计、最多两位小数的数额，收到 "12.345"');
		expect(
			reasonInChinese('funcCode: must have 3, 5, 7 digits, got 4; econCode: is required')
		).toBe(
			'功能科目编码（funcCode）：须为 3、5 或 7 位数字，收到 4 位；经济科目编码（econCode）：缺少（必填）'
		);
	});

	it('reads conflicts and the record size limit', () => {
		expect(
			reasonInChinese(
				'conflict: id ZF-9 — payment already stored with different content; the first stays'
			)
		).toBe('冲突：编号 ZF-9 的支付已以不同内容入库，保留先到的一条');
		expect(reasonInChinese('record: 20480 bytes is over the 16384-byte limit for one record')).toBe(
			'记录（record）：20480 字节，超过单条记录 16384 字节的上限'
		);
	});

	it('keeps a part it does not know as it was', () => {
		expect(reasonInChinese('amount: is odd today')).toBe('金额（amount）：is odd today');
		expect(reasonInChinese('something unexpected happened')).toBe('something unexpected happened');
		expect(reasonInChinese('weird: thing; amount: is required')).toBe(
			'weird: thing；金额（amount）：缺少（必填）'
		);
	});
});
