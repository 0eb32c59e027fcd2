import { describe, expect, it } from 'vitest';
import {
	kindFromFileName,
	mergeHeaderMaps,
	normaliseHeader,
	parseHeaderMapFile,
	planColumns
} from './headers';

describe('header mapping', () => {
	it('maps the usual Chinese treasury headers to contract fields', () => {
		const plan = planColumns(
			[
				'支付凭证号',
				'支付日期',
				'预算单位编码',
				'功能科目编码',
				'经济科目编码',
				'项目编码',
				'支付金额',
				'收款人'
			],
			mergeHeaderMaps()
		);
		expect(plan).toEqual({
			ok: true,
			fields: ['id', 'paidAt', 'deptCode', 'funcCode', 'econCode', 'projectCode', 'amount', 'payee']
		});
	});

	it('maps a finance system’s 科目 file to code records', () => {
		expect(planColumns(['科目类别', '科目编码', '科目名称', '年度'], mergeHeaderMaps())).toEqual({
			ok: true,
			fields: ['scheme', 'code', 'name', 'year']
		});
		expect(kindFromFileName('科目表2026.xlsx')).toBe('code');
		expect(kindFromFileName('codes-2026.csv')).toBe('code');
	});

	it('takes English field names in any case, a BOM, spaces and a unit suffix', () => {
		const plan = planColumns(
			['\uFEFFID', ' paidat ', 'DeptCode', '支付金额（元）', '金额(元)'.replace('金额', '收款人')],
			mergeHeaderMaps()
		);
		expect(plan).toEqual({ ok: true, fields: ['id', 'paidAt', 'deptCode', 'amount', 'payee'] });
		expect(normaliseHeader(' 支付 金额 (元) ')).toBe('支付金额');
	});

	it('ignores serial-number and remark columns and empty trailing headers', () => {
		expect(planColumns(['序号', 'id', '备注', ''], mergeHeaderMaps())).toEqual({
			ok: true,
			fields: [null, 'id', null, null]
		});
	});

	it('refuses unknown headers naming each one and how to map it', () => {
		const plan = planColumns(['id', '凭证编号', '发票号'], mergeHeaderMaps());
		expect(plan.ok).toBe(false);
		if (!plan.ok) {
			expect(plan.problem).toContain('"凭证编号", "发票号"');
			expect(plan.problem).toContain('headers.json');
		}
	});

	it('refuses two columns meaning the same field', () => {
		const plan = planColumns(['预算单位编码', '主管部门编码'], mergeHeaderMaps());
		expect(plan).toMatchObject({
			ok: false,
			problem: expect.stringContaining('both mean deptCode')
		});
	});
});

describe('header-map files and kinds from file names', () => {
	it('is extended without code by a header-map file, flat or with values', () => {
		const extra = parseHeaderMapFile(
			JSON.stringify({ 凭证编号: 'id', 发票号: '-' }),
			'headers.json'
		);
		expect(planColumns(['凭证编号', '发票号'], mergeHeaderMaps(extra))).toEqual({
			ok: true,
			fields: ['id', null]
		});
		const nested = parseHeaderMapFile(
			JSON.stringify({
				columns: { 资金来源: 'budgetKind', 'figures.总资产': 'figures.totalAssets' },
				values: { budgetKind: { 基金: 'fund' } }
			}),
			'x.json'
		);
		const map = mergeHeaderMaps(nested);
		expect(map.values.budgetKind['基金']).toBe('fund');
		expect(map.values.budgetKind['一般公共预算']).toBe('general');
		expect(planColumns(['资金来源', 'figures.总资产'], map)).toEqual({
			ok: true,
			fields: ['budgetKind', 'figures.totalAssets']
		});
	});

	it('rejects a header-map file that maps to something that is not a field', () => {
		expect(() => parseHeaderMapFile('{"凭证编号": "voucher"}', 'headers.json')).toThrow(
			/"voucher", which is not a field/
		);
		expect(() => parseHeaderMapFile('{oops', 'headers.json')).toThrow(/not valid JSON/);
	});

	it('reads the record kind from a file name', () => {
		expect(kindFromFileName('payment-2026-11.csv')).toBe('payment');
		expect(kindFromFileName('支付明细202611.csv')).toBe('payment');
		expect(kindFromFileName('plans.xlsx')).toBe('plan');
		expect(kindFromFileName('预算指标.xlsx')).toBe('plan');
		expect(kindFromFileName('预算单位.csv')).toBe('unit');
		expect(kindFromFileName('收入.json')).toBe('revenue');
		expect(kindFromFileName('export.csv')).toBeUndefined();
		// Kind words anywhere in the name; the first one decides; English words stand alone.
		expect(kindFromFileName('2026年7月份支付数据.xlsx')).toBe('payment');
		expect(kindFromFileName('city-payments-july.csv')).toBe('payment');
		expect(kindFromFileName('2026_revenue.json')).toBe('revenue');
		expect(kindFromFileName('市本级预算单位名录.csv')).toBe('unit');
		expect(kindFromFileName('国有资产报表2025.xlsx')).toBe('asset');
		expect(kindFromFileName('explanation.csv')).toBeUndefined();
		expect(kindFromFileName('2026年7月份数据.xlsx')).toBeUndefined();
	});
});
